using PolicyLang.Runtime.Reporting;
using Xunit;

namespace PolicyLang.Cli.Tests.Operations;

/// <summary>
/// One `policyc run` of the quickstart (its `kind in [...]` rule made warn-severity, so the run has failing, warned and passing
/// rules and a retention step) asking for every file output at once, shared by <see cref="RunOutputTests"/>.
/// </summary>
public sealed class QuickstartOutputsFixture : IDisposable
{
    private readonly Scratch scratch = new();

    public QuickstartOutputsFixture()
    {
        var policy = File.ReadAllText(Path.Combine(Policyc.Root, "examples", "quickstart", "quickstart.gov"));
        const string rule = "expect kind in [\"star\", \"galaxy\", \"nebula\"]";
        Assert.Contains(rule, policy, StringComparison.Ordinal);
        File.WriteAllText(Gov, policy.Replace(rule, rule + " severity warn", StringComparison.Ordinal));
        var seeded = Policyc.Seed(Path.Combine(scratch.Path, "quickstart.duckdb"));
        Assert.True(seeded.ExitCode == 0, seeded.ToString());
        Directory.CreateDirectory(Path.Combine(scratch.Path, "textfiles"));
        Run = Policyc.RunWith(
            new Dictionary<string, string?> { ["GITHUB_WORKSPACE"] = Path.GetDirectoryName(scratch.Path) },
            scratch.Path, scratch.Cache,
            "run", ".", "--json", "report.json", "--junit", "out/junit.xml", "--github", "--metrics", "textfiles/quickstart.prom");
        Report = RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "report.json")));
    }

    internal Result Run { get; }

    public RunReport Report { get; }

    public string Gov => Path.Combine(scratch.Path, "quickstart.gov");

    /// <summary>The policy's folder as seen from GITHUB_WORKSPACE (its parent folder).</summary>
    public string FolderName => Path.GetFileName(scratch.Path);

    public string PathOf(string relative) => Path.Combine(scratch.Path, relative);

    public void Dispose() => scratch.Dispose();
}
