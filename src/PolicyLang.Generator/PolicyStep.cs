using PolicyLang.Core.Compilation;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Emit;
using PolicyLang.Core.Text;

namespace PolicyLang.Generator;

/// <summary>
/// The expensive step: .gov files → Core's compilation → the policy class (Core's EnforcementEmitter, made partial)
/// and its executors, or diagnostics. Pure: it reads only its input, so equal inputs give equal outputs.
/// </summary>
internal static class PolicyStep
{
    public static GeneratedPolicy Run(PolicyInput input, DateOnly today, CancellationToken cancellationToken)
    {
        if (input.Files.Count == 0)
        {
            return default;
        }

        var files = input.Files.Select(f => new SourceFile(f.Path, f.Text)).ToList();
        var compilation = PolicyCompilation.Create(files, today);
        cancellationToken.ThrowIfCancellationRequested();

        var diagnostics = compilation.Diagnostics.Select(ToData).ToList();

        // Generated code naming a store runtime the project does not reference would fail with CS0234 inside
        // generated code; say which package is missing, at the store's declaration, instead. A policy with errors
        // generates nothing, so this is said only once the policy itself is right.
        if (!compilation.HasErrors)
        {
            diagnostics.AddRange(RuntimeStores.Missing(compilation.Bound.Stores, input.RuntimeAssemblies.Contains).Select(ToData));
        }

        if (diagnostics.Any(d => d.Severity == nameof(DiagnosticSeverity.Error)))
        {
            return new GeneratedPolicy(default, diagnostics.ToEquatableArray());
        }

        var policyName = compilation.Bound.Identity;
        var className = CSharpLiteral.Pascal(policyName) + "Policy";
        var ns = string.IsNullOrWhiteSpace(input.Settings.RootNamespace) ? "PolicyLang.Generated" : input.Settings.RootNamespace!;
        var previousName = PreviousName(input);
        if (input.Settings.PolicyName is { Length: > 0 } property && property != policyName && compilation.Bound.Header is { } header)
        {
            diagnostics.Add(PolicyNamePropertyIgnored(header.Location, property, policyName, className));
        }

        var emitted = EnforcementEmitter.Emit(
            compilation.Bound,
            new EmitOptions(policyName, className, ns, Partial: true, SourceRoot: input.Settings.ProjectDirectory) { PreviousNames = [previousName] },
            ControlEmitInfos.From(compilation.Coverage));
        GeneratedSource[] sources =
        [
            new($"{className}.g.cs", emitted.Source),
            new($"{className}.Executors.g.cs", ExecutorWriter.Write(compilation.Bound, className, ns)),
        ];
        return new GeneratedPolicy(sources.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// What the generator named the policy before its identity came from the policy itself: PolicyLangPolicyName, else a single
    /// file's stem, else the project's name. Retention still finishes batches archived under it.
    /// </summary>
    private static string PreviousName(PolicyInput input)
    {
        var name = input.Settings.PolicyName is { Length: > 0 } configured ? configured
            : input.Files.Count == 1 ? System.IO.Path.GetFileNameWithoutExtension(input.Files.First().Path)
            : input.Settings.ProjectName ?? "policy";
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) && c < 128 || c is '-' or '_' ? c : '-').ToArray()).Trim('-');
        return safe.Length == 0 ? "policy" : safe;
    }

    // A host warning, not a GOV code (no policy text can cause it): the project property the generator no longer reads.
    private static PolicyDiagnostic PolicyNamePropertyIgnored(Core.Binding.Model.SourceLocation at, string property, string identity, string className)
    {
        var (start, end) = (at.File.GetPosition(at.Span.Start), at.File.GetPosition(at.Span.End));
        return new PolicyDiagnostic(
            "PLG0001",
            "PolicyLangPolicyName no longer names the policy",
            $"PolicyLangPolicyName `{property}` no longer names the policy: its identity is `{identity}` (class `{className}`); "
                + $"to keep `{CSharpLiteral.Pascal(property)}Policy`, write `name \"{property}\"` in the policy block and remove the property",
            nameof(DiagnosticSeverity.Warning),
            string.Empty,
            at.File.Path,
            at.Span.Start,
            at.Span.Length,
            start.Line - 1,
            start.Column - 1,
            end.Line - 1,
            end.Column - 1);
    }

    private static PolicyDiagnostic ToData(Diagnostic d)
    {
        var (start, end) = (d.Start, d.End);
        return new PolicyDiagnostic(
            d.Code,
            d.Descriptor.Title,
            d.Message,
            d.Severity.ToString(),
            d.Descriptor.HelpUri,
            d.File.Path,
            d.Span.Start,
            d.Span.Length,
            start.Line - 1,
            start.Column - 1,
            end.Line - 1,
            end.Column - 1);
    }
}
