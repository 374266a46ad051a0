using PolicyLang.Runtime.Reporting;
using Xunit;

namespace PolicyLang.Cli.Tests;

/// <summary>`file env("VAR")` and `path env("VAR")` (issue 16) as a scheduler meets them: read at run time, named (never shown) elsewhere.</summary>
public sealed class EnvironmentPathTests : IDisposable
{
    private readonly Scratch scratch = new();

    public EnvironmentPathTests()
    {
        var init = Tests.Policyc.Run(scratch.Path, scratch.Cache, "init", "lab");
        Assert.True(init.ExitCode == 0, init.ToString());
        var gov = Path.Combine(scratch.Path, "lab", "lab.gov");
        File.WriteAllText(gov, File.ReadAllText(gov)
            .Replace("file \"data.duckdb\"", "file env(\"PL_TEST_LAB_DB\")", StringComparison.Ordinal)
            .Replace("path \"archive\"", "path env(\"PL_TEST_LAB_ARCHIVE\")", StringComparison.Ordinal));
        // The database lives elsewhere on the machine, as it would on a server.
        Directory.CreateDirectory(Path.Combine(scratch.Path, "srv"));
        File.Move(Path.Combine(scratch.Path, "lab", "data.duckdb"), Database);
    }

    private string Database => Path.Combine(scratch.Path, "srv", "lab.duckdb");

    private string Archive => Path.Combine(scratch.Path, "srv", "archive");

    public void Dispose() => scratch.Dispose();

    private Result Policyc(Dictionary<string, string?> environment, params string[] args) =>
        Tests.Policyc.RunWith(environment, scratch.Path, scratch.Cache, args);

    private static readonly Dictionary<string, string?> Unset = new() { ["PL_TEST_LAB_DB"] = null, ["PL_TEST_LAB_ARCHIVE"] = null };

    [Fact]
    public void A_run_reads_the_paths_from_the_environment()
    {
        var run = Policyc(new() { ["PL_TEST_LAB_DB"] = Database, ["PL_TEST_LAB_ARCHIVE"] = Archive }, "run", "lab", "--json", "report.json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "report.json"))).Retention.Single(r => r.Stage == 1).Archived);
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(Archive, "lab", "samples"), "*.parquet", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(Path.Combine(scratch.Path, "lab", "archive")));
    }

    [Fact]
    public void An_unset_variable_fails_the_run_with_one_line_naming_it()
    {
        var run = Policyc(new(Unset) { ["PL_TEST_LAB_ARCHIVE"] = Archive }, "run", "lab");
        Assert.True(run.ExitCode == 2, run.ToString());
        var failure = Assert.Single(run.Stderr.Split('\n'), l => l.StartsWith("policyc: the run failed", StringComparison.Ordinal));
        Assert.Contains("store 'warehouse': setting 'file' reads environment variable 'PL_TEST_LAB_DB', which is not set", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);

        var noArchive = Policyc(new(Unset) { ["PL_TEST_LAB_DB"] = Database }, "run", "lab");
        Assert.True(noArchive.ExitCode == 2, noArchive.ToString());
        Assert.Contains("environment variable 'PL_TEST_LAB_ARCHIVE', which is not set", noArchive.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_docs_and_plan_name_the_variable_and_never_show_its_value()
    {
        var set = new Dictionary<string, string?> { ["PL_TEST_LAB_DB"] = "/secret/place/lab.duckdb", ["PL_TEST_LAB_ARCHIVE"] = "/secret/archive" };
        var check = Policyc(set, "check", "lab");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("0 errors, 0 warnings", check.Stderr, StringComparison.Ordinal);

        var docs = Policyc(set, "docs", "lab", "-o", "out");
        Assert.True(docs.ExitCode == 0, docs.ToString());
        var markdown = File.ReadAllText(Path.Combine(scratch.Path, "out", "compliance.md"));
        var json = File.ReadAllText(Path.Combine(scratch.Path, "out", "compliance.json"));
        Assert.Contains("file: from environment variable `PL_TEST_LAB_DB`", markdown, StringComparison.Ordinal);
        Assert.Contains("\"environmentVariable\": \"PL_TEST_LAB_ARCHIVE\"", json, StringComparison.Ordinal);

        var plan = Policyc(set, "plan", "lab");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("file: from environment variable PL_TEST_LAB_DB, read at run time", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("path: from environment variable PL_TEST_LAB_ARCHIVE, read at run time", plan.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("/secret/", markdown + json + plan.Stdout + plan.Stderr + docs.Stdout + docs.Stderr, StringComparison.Ordinal);
    }
}
