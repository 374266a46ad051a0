using System.Reflection;
using Microsoft.CodeAnalysis;
using PolicyLang.Build.Tests.Infrastructure;
using PolicyLang.Generator;

namespace PolicyLang.Build.Tests.Generator;

/// <summary>The source generator: caching of every named step, baselined outputs that compile, diagnostics at .gov locations.</summary>
public sealed class GeneratorTests
{
    private const string Consumer = """
        namespace Contoso.Governance.App;

        public static class Nightly
        {
            public static System.Threading.Tasks.Task<PolicyLang.Runtime.Reporting.RunReport> Check() =>
                global::Contoso.Governance.ValidPolicy.Datasets.Targets.CheckAsync(new PolicyLang.Runtime.Running.RunOptions { DryRun = true });

            public static string Rule => global::Contoso.Governance.ValidPolicy.Datasets.Targets.Rules.KindIn;
        }
        """;

    private static readonly string[] StepNames =
        [.. typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.NonPublic).Select(f => (string)f.GetValue(null)!)];

    [Fact]
    public void Second_run_on_an_unchanged_input_is_cached_at_every_named_step()
    {
        var compilation = GeneratorHarness.Compilation(Consumer);
        var driver = GeneratorHarness.Driver(GeneratorHarness.ValidSample()).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Assert.Empty(first.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));

        // A new compilation object (as after any C# edit) re-runs the compilation-fed step; its equal output keeps the rest cached.
        var second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();
        Assert.Equal(StepNames.Order(), second.TrackedSteps.Keys.Where(StepNames.Contains).Order());
        foreach (var name in StepNames)
        {
            foreach (var (_, reason) in second.TrackedSteps[name].SelectMany(step => step.Outputs))
            {
                Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {name} was {reason}");
            }
        }

        foreach (var (_, reason) in second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs))
        {
            Assert.Equal(IncrementalStepRunReason.Cached, reason);
        }
    }

    [Fact]
    public void Generated_policy_and_executors_match_their_baselines_and_compile_with_the_consumer()
    {
        var compilation = GeneratorHarness.Compilation(Consumer);
        GeneratorHarness.Driver(GeneratorHarness.ValidSample())
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        // The sample's partially covered safeguard arrives as a compiler warning at its .gov location.
        var warning = Assert.Single(generatorDiagnostics);
        Assert.Equal(("GOV0402", DiagnosticSeverity.Warning), (warning.Id, warning.Severity));
        var span = warning.Location.GetLineSpan();
        Assert.Equal(("/policies/Valid/policy.gov", 16, 15), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character));

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        var generated = output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).ToList();
        Assert.Equal(["ValidPolicy.Executors.g.cs", "ValidPolicy.g.cs"], generated.Select(t => Path.GetFileName(t.FilePath)).Order());
        foreach (var tree in generated)
        {
            Baseline.Check(Path.Combine("Generator", "Baselines", Path.GetFileName(tree.FilePath) + ".txt"), tree.GetText().ToString());
        }
    }

    [Fact]
    public void Policy_errors_are_compiler_errors_at_the_gov_location_and_nothing_is_generated()
    {
        var invalid = Path.Combine(RepositoryPaths.Projects, "Invalid");
        var files = new[] { ("/policies/Invalid/main.gov", File.ReadAllText(Path.Combine(invalid, "main.gov"))), ("/policies/Invalid/more.gov", File.ReadAllText(Path.Combine(invalid, "more.gov"))) };
        var result = GeneratorHarness.Driver(files).RunGenerators(GeneratorHarness.Compilation("class C {}")).GetRunResult();

        Assert.Empty(result.GeneratedTrees);
        Assert.Equal(
            [("GOV0119", "/policies/Invalid/main.gov", 10, 19), ("GOV0201", "/policies/Invalid/more.gov", 1, 54)],
            result.Diagnostics.Select(d => (d.Id, d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character)));
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public void A_store_whose_runtime_package_is_not_referenced_is_reported_at_the_store()
    {
        var result = GeneratorHarness.Driver(GeneratorHarness.ValidSample())
            .RunGenerators(GeneratorHarness.Compilation("class C {}", withDuckDb: false)).GetRunResult();

        var missing = Assert.Single(result.Diagnostics, d => d.Id == "GOV0502");
        Assert.Equal(("/policies/Valid/policy.gov", 12), (missing.Location.GetLineSpan().Path, missing.Location.GetLineSpan().StartLinePosition.Line));
        Assert.Contains("PolicyLang.Runtime.DuckDb", missing.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.GeneratedTrees);
    }
}
