using PolicyLang.Core.Binding;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Controls;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Parsing;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Compilation;

/// <summary>
/// The language pipeline over a set of `.gov` files that together form one policy:
/// parse each file, bind them together, then derive CIS coverage (the Controls stage). Hosts (CLI, MSBuild
/// task, source generator, language server) create one and read its results; it does no I/O.
/// </summary>
public sealed class PolicyCompilation
{
    private PolicyCompilation(IReadOnlyList<ParseResult> syntax, BoundPolicy bound, CoverageReport coverage, IReadOnlyList<Diagnostic> diagnostics)
    {
        Syntax = syntax;
        Bound = bound;
        Coverage = coverage;
        Diagnostics = diagnostics;
    }

    /// <summary>Each file's syntax tree and syntax diagnostics, in the order the files were given.</summary>
    public IReadOnlyList<ParseResult> Syntax { get; }

    /// <summary>The bound policy; built even when there are errors (unresolvable parts are left out).</summary>
    public BoundPolicy Bound { get; }

    /// <summary>CIS v8 coverage derived from the bound policy: each safeguard's status and evidence.</summary>
    public CoverageReport Coverage { get; }

    /// <summary>Every diagnostic of every stage, sorted by file path, then position, then code.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <param name="files">The policy's files; their order only decides which of two duplicate declarations is "the second".</param>
    /// <param name="today">The compilation date, for date checks such as expired waivers (passed in so builds are reproducible).</param>
    public static PolicyCompilation Create(IReadOnlyList<SourceFile> files, DateOnly today)
    {
        var syntax = files.Select(PolicyParser.Parse).ToList();
        var (bound, bindDiagnostics) = Binder.Bind([.. syntax.Select(s => s.Syntax)]);
        var diagnostics = syntax.SelectMany(s => s.Diagnostics).Concat(bindDiagnostics).ToList();

        var (coverage, controlDiagnostics) = CoverageAnalyzer.Analyze(bound, today);
        diagnostics.AddRange(controlDiagnostics);
        return new PolicyCompilation(syntax, bound, coverage, DiagnosticOrder.Sort(diagnostics));
    }
}
