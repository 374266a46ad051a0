using PolicyLang.Runtime.Reporting;
using Xunit;

namespace PolicyLang.Cli.Tests;

/// <summary>`policyc init` as a new user meets it: the starter checks clean for every store, and on DuckDB tests and runs at once.</summary>
public sealed class InitTests : IDisposable
{
    private readonly Scratch scratch = new();

    public void Dispose() => scratch.Dispose();

    private Result Policyc(params string[] args) => Tests.Policyc.Run(scratch.Path, scratch.Cache, args);

    [Theory]
    [InlineData("duckdb")]
    [InlineData("postgres")]
    [InlineData("mongodb")]
    [InlineData("s3")]
    public void The_starter_of_every_store_checks_with_no_diagnostic_and_its_tests_pass(string store)
    {
        var init = Policyc("init", "genomics lab", "--store", store);
        Assert.True(init.ExitCode == 0, init.ToString());
        var folder = Path.Combine(scratch.Path, "genomics lab");
        foreach (var file in new[] { "genomics-lab.gov", ".gitignore", ".github/workflows/policy.yml", "README.md" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file}\n{init}");
        }

        Assert.Equal(store == "duckdb", File.Exists(Path.Combine(folder, "data.duckdb")));
        var gov = File.ReadAllText(Path.Combine(folder, "genomics-lab.gov"));
        Assert.Contains("name       \"genomics-lab\"", gov, StringComparison.Ordinal);
        Assert.Contains("\ntest ", gov, StringComparison.Ordinal);

        var check = Policyc("check", "genomics lab");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("0 errors, 0 warnings", check.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("GOV", check.Stdout + check.Stderr, StringComparison.Ordinal);

        var test = Policyc("test", "genomics lab");
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Contains(" passed, 0 failed", test.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_duckdb_starter_runs_at_once_archiving_its_expired_sample_rows_and_a_second_run_has_nothing_left()
    {
        Assert.Equal(0, Policyc("init", "lab").ExitCode);
        var run = Policyc("run", "lab", "--json", "report.json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var report = RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "report.json")));
        Assert.Equal("lab", report.Policy);
        Assert.All(report.Rules, r => Assert.Equal(RuleStatus.Passed, r.Status));
        var retention = Assert.Single(report.Retention, r => r.Stage == 1);
        Assert.Equal((2, 2), (retention.Archived, retention.Deleted));
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(scratch.Path, "lab", "archive", "lab", "samples"), "*.parquet", SearchOption.AllDirectories));

        var again = Policyc("run", "lab", "--json", "again.json");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(0, RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "again.json"))).Retention.Single(r => r.Stage == 1).Archived);
        Assert.Equal(0, Policyc("audit", "verify", "lab").ExitCode);
    }

    [Fact]
    public void Init_in_the_current_folder_names_the_policy_after_it()
    {
        var folder = Directory.CreateDirectory(Path.Combine(scratch.Path, "Área 51")).FullName;
        var init = Tests.Policyc.Run(folder, scratch.Cache, "init");
        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Contains("policy \"Area 51 Data Policy\"", File.ReadAllText(Path.Combine(folder, "area-51.gov")), StringComparison.Ordinal);
        var run = Tests.Policyc.Run(folder, scratch.Cache, "run");
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public void Existing_files_are_never_overwritten_without_force()
    {
        Assert.Equal(0, Policyc("init", "lab", "--store", "postgres").ExitCode);
        var gov = Path.Combine(scratch.Path, "lab", "lab.gov");
        File.WriteAllText(gov, "// mine");

        var refused = Policyc("init", "lab");
        Assert.True(refused.ExitCode == 2, refused.ToString());
        var line = Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("policyc: 'lab/lab.gov', ", line, StringComparison.Ordinal);
        Assert.EndsWith("already exist: nothing was written (--force overwrites)", line, StringComparison.Ordinal);
        Assert.Equal("// mine", File.ReadAllText(gov));
        Assert.False(File.Exists(Path.Combine(scratch.Path, "lab", "data.duckdb")));

        var forced = Policyc("init", "lab", "--force");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Contains("store warehouse duckdb", File.ReadAllText(gov), StringComparison.Ordinal);
        Assert.Equal(0, Policyc("run", "lab").ExitCode);
    }

    [Fact]
    public void An_unknown_store_is_a_usage_error_and_help_has_examples()
    {
        var unknown = Policyc("init", "lab", "--store", "oracle");
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("'oracle'", unknown.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(scratch.Path, "lab")));

        var help = Policyc("init", "--help");
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("--store", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("Examples:\n  policyc init genomics && policyc run genomics", help.Stdout, StringComparison.Ordinal);
    }
}
