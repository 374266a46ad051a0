using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Parsing;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Compilation;

// Parse-only until the binder lands (branch `binder` replaces this file).
public sealed class PolicyCompilation
{
    private PolicyCompilation(IReadOnlyList<ParseResult> syntax, IReadOnlyList<Diagnostic> diagnostics)
    {
        Syntax = syntax;
        Diagnostics = diagnostics;
    }

    public IReadOnlyList<ParseResult> Syntax { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    public static PolicyCompilation Create(IReadOnlyList<SourceFile> files, DateOnly today)
    {
        _ = today;
        var syntax = files.Select(PolicyParser.Parse).ToArray();
        return new PolicyCompilation(syntax, syntax.SelectMany(s => s.Diagnostics).ToArray());
    }
}
