using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace PolicyLang.Generator;

/// <summary>
/// All AdditionalFiles *.gov of a project form one policy. Steps (named in <see cref="TrackingNames"/>): read each
/// file → collect them sorted → combine with MSBuild settings and the referenced runtime assemblies → compile the
/// policy into sources and diagnostics (<see cref="PolicyStep"/>) → add the sources, report the diagnostics at the
/// .gov locations.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class PolicyGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".gov", StringComparison.OrdinalIgnoreCase))
            .Select(static (text, ct) => new PolicySource(text.Path, text.GetText(ct)?.ToString() ?? string.Empty))
            .WithTrackingName(TrackingNames.PolicySources)
            .Collect()
            .Select(static (all, _) => all.OrderBy(f => f.Path, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.PolicyFiles);

        var settings = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => new GeneratorSettings(
                Property(options.GlobalOptions, "PolicyLangPolicyName"),
                Property(options.GlobalOptions, "RootNamespace"),
                Property(options.GlobalOptions, "MSBuildProjectName"),
                Property(options.GlobalOptions, "MSBuildProjectDirectory")))
            .WithTrackingName(TrackingNames.Settings);

        // Re-evaluated on every edit of the C# project, but it yields a few names, so the policy step stays cached.
        var runtime = context.CompilationProvider
            .Select(static (compilation, _) => compilation.ReferencedAssemblyNames
                .Select(a => a.Name)
                .Where(n => n.StartsWith("PolicyLang.Runtime", StringComparison.Ordinal))
                .Distinct()
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToEquatableArray())
            .WithTrackingName(TrackingNames.RuntimeAssemblies);

        var policy = files.Combine(settings).Combine(runtime)
            .Select(static (x, _) => new PolicyInput(x.Left.Left, x.Left.Right, x.Right))
            .WithTrackingName(TrackingNames.Input)
            .Select(static (input, ct) => PolicyStep.Run(input, Today(), ct))
            .WithTrackingName(TrackingNames.Policy);

        context.RegisterSourceOutput(policy, static (output, generated) => Produce(output, generated));
    }

    private static void Produce(SourceProductionContext output, GeneratedPolicy generated)
    {
        foreach (var d in generated.Diagnostics)
        {
            var descriptor = new DiagnosticDescriptor(d.Code, d.Title, "{0}", "PolicyLang", Severity(d.Severity), isEnabledByDefault: true, helpLinkUri: d.HelpUri);
            var location = Location.Create(
                d.Path,
                new TextSpan(d.Start, d.Length),
                new LinePositionSpan(new LinePosition(d.StartLine, d.StartColumn), new LinePosition(d.EndLine, d.EndColumn)));
            output.ReportDiagnostic(Diagnostic.Create(descriptor, location, d.Message));
        }

        foreach (var source in generated.Sources)
        {
            output.AddSource(source.HintName, SourceText.From(source.Text, System.Text.Encoding.UTF8));
        }
    }

    private static DiagnosticSeverity Severity(string severity) => severity switch
    {
        "Error" => DiagnosticSeverity.Error,
        "Warning" => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    private static string? Property(AnalyzerConfigOptions options, string name) =>
        options.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    // Waiver expiry is checked against today's date, as `policyc check` does.
    private static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow);
}
