using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using PolicyLang.Build.Tests.Infrastructure;
using PolicyLang.Generator;
using PolicyLang.Testing;

namespace PolicyLang.Build.Tests.Generator;

/// <summary>The source generator: caching of every named step, baselined outputs that compile, diagnostics at .gov locations.</summary>
public sealed class GeneratorTests
{
    private const string Consumer = """
        namespace Contoso.Governance.App;

        /// <summary>Calls the generated executors.</summary>
        public static class Nightly
        {
            /// <summary>Checks one dataset.</summary>
            public static System.Threading.Tasks.Task<PolicyLang.Runtime.Reporting.RunReport> Check() =>
                global::Contoso.Governance.ValidPolicy.Datasets.Targets.CheckAsync(new PolicyLang.Runtime.Running.RunOptions { DryRun = true });

            /// <summary>A rule's name.</summary>
            public static string Rule => global::Contoso.Governance.ValidPolicy.Datasets.Targets.Rules.KindIn;
        }
        """;

    private static readonly string[] StepNames =
        [.. typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.NonPublic).Select(f => (string)f.GetValue(null)!)];

    [Fact]
    public void Editing_a_csharp_file_keeps_every_policy_step_cached_and_editing_a_gov_file_reruns_the_policy()
    {
        var files = GeneratorHarness.ValidSample().Select(f => GeneratorHarness.PolicyFile(f.Path, f.Text)).ToList();
        var compilation = GeneratorHarness.Compilation(Consumer);
        var driver = GeneratorHarness.Driver(files).RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));

        // A C# edit gives a new compilation: the compilation-fed step re-runs, and its equal output keeps the rest cached.
        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(Consumer + "\ninternal static class Edited { }\n")));
        driver = driver.RunGenerators(edited);
        var second = driver.GetRunResult().Results.Single();
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

        var policy = files[0];
        var changed = GeneratorHarness.PolicyFile(policy.Path, policy.GetText()!.ToString().Replace("Build Test Observatory", "Renamed Observatory", StringComparison.Ordinal));
        var third = driver.ReplaceAdditionalText(policy, changed).RunGenerators(edited).GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(third.TrackedSteps[TrackingNames.Policy].SelectMany(step => step.Outputs)).Reason);
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
            Baseline.Match(Path.Combine(RepositoryPaths.Root, "tests", "PolicyLang.Build.Tests", "Generator", "Baselines", Path.GetFileName(tree.FilePath) + ".txt"), tree.GetText().ToString());
        }
    }

    [Fact]
    public void Policy_errors_are_compiler_errors_at_the_gov_location_and_nothing_is_generated()
    {
        var invalid = RepositoryPaths.TestProject("PolicyLang.Build.Tests", "Projects", "Invalid");
        var files = new[] { ("/policies/Invalid/main.gov", File.ReadAllText(Path.Combine(invalid, "main.gov"))), ("/policies/Invalid/more.gov", File.ReadAllText(Path.Combine(invalid, "more.gov"))) };
        var result = GeneratorHarness.Driver(files).RunGenerators(GeneratorHarness.Compilation("class C {}")).GetRunResult();

        Assert.Empty(result.GeneratedTrees);
        Assert.Equal(
            [("GOV0119", "/policies/Invalid/main.gov", 10, 19), ("GOV0201", "/policies/Invalid/more.gov", 1, 54)],
            result.Diagnostics.Select(d => (d.Id, d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character)));
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public void Syntax_errors_are_compiler_errors_at_their_gov_positions_and_the_generator_does_not_fail()
    {
        var sample = Samples.MainPath("syntax-errors");
        var result = GeneratorHarness.Driver([("/policies/main.gov", File.ReadAllText(sample))])
            .RunGenerators(GeneratorHarness.Compilation("class C {}")).GetRunResult();

        // Positions as underlined in the sample's main.diagnostics.txt (0-based here; `expect b >` is reported since recovery resumes inside blocks); a generator exception would be CS8785.
        Assert.Empty(result.GeneratedTrees);
        Assert.Equal(
            [("GOV0001", 0, 25), ("GOV0001", 2, 39), ("GOV0001", 4, 11), ("GOV0001", 6, 0), ("GOV0003", 9, 8), ("GOV0116", 11, 36), ("GOV0111", 12, 14), ("GOV0002", 12, 37)],
            result.Diagnostics.Where(d => d.Location.GetLineSpan().StartLinePosition != default)
                .Select(d => (d.Id, d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character)));
        Assert.All(result.Diagnostics, d => Assert.Equal(("/policies/main.gov", DiagnosticSeverity.Error), (d.Location.GetLineSpan().Path, d.Severity)));
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
