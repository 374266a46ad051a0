using DuckDB.NET.Data;
using PolicyLang.Runtime.Reporting;
using Xunit;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// The quickstart end to end, through policyc processes: exact violation counts against seeded data
/// whose truth is known (see examples/quickstart/seed/Program.cs), retention, documents, tests, audit.
/// </summary>
public sealed class QuickstartTests : IDisposable
{
    private readonly Scratch scratch = new();

    public QuickstartTests()
    {
        File.Copy(Path.Combine(Policyc.Root, "examples", "quickstart", "quickstart.gov"), Path.Combine(scratch.Path, "quickstart.gov"));
        var seeded = Policyc.Seed(Database);
        Assert.True(seeded.ExitCode == 0, seeded.ToString());
    }

    private string Database => Path.Combine(scratch.Path, "quickstart.duckdb");

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void Run_reports_exact_violations_archives_expired_rows_and_exits_1()
    {
        var result = Policyc.Run(scratch.Path, scratch.Cache, "run", ".", "--json", "report.json");
        Assert.True(result.ExitCode == 1, result.ToString());
        var report = RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "report.json")));

        var expected = new Dictionary<string, (RuleStatus Status, long Violations)>
        {
            ["targets.name_unique"] = (RuleStatus.Failed, 2),
            ["targets.kind_in"] = (RuleStatus.Failed, 2),
            ["observations.obs_id_unique"] = (RuleStatus.Passed, 0),
            ["observations.frame_unique"] = (RuleStatus.Failed, 3),
            ["observations.target_not_null"] = (RuleStatus.Failed, 5),
            ["observations.target_references"] = (RuleStatus.Failed, 4),
            ["observations.band_in"] = (RuleStatus.Failed, 10),
            ["observations.flux_gt"] = (RuleStatus.Failed, 8),             // 0.8% > tolerance 0.5%
            ["observations.observer_email_matches"] = (RuleStatus.Failed, 12),
            ["observations.observed_at_fresher_than"] = (RuleStatus.Passed, 125), // newest row is minutes old; 125 rows are older
            ["observations.rows_at_least"] = (RuleStatus.Passed, 0),
            ["observations.flux_plausible"] = (RuleStatus.Failed, 1),
        };
        var actual = report.Rules.ToDictionary(r => $"{r.Dataset}.{r.Rule}", r => (r.Status, r.Violations));
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(a => a.Key));
        Assert.All(report.Rules.Where(r => r.Dataset == "observations" && r.Kind != RuleKind.RowsAtLeast), r => Assert.Equal(1000, r.Total));

        // Failing-row samples never show a masked column in clear.
        var emails = report.Rules.Single(r => r.Rule == "observer_email_matches").Samples;
        Assert.NotEmpty(emails);
        Assert.All(emails, s => Assert.DoesNotContain("not-an-email", s["observer_email"] ?? string.Empty, StringComparison.Ordinal));

        var retention = report.Retention.Single(r => r.Dataset == "observations");
        Assert.Equal((125, 125), (retention.Archived, retention.Deleted));
        Assert.Equal(875, CountRows("main.observations"));
        var archive = Path.Combine(scratch.Path, "archive");
        Assert.NotEmpty(Directory.EnumerateFiles(archive, "*.parquet", SearchOption.AllDirectories));

        var observations = report.Datasets.Single(d => d.Dataset == "observations");
        Assert.Equal(10, observations.Rules);
        Assert.True(observations.Queries < observations.Rules, observations.QueriesSummary);
        Assert.Contains($"10 rules → {observations.Queries} queries", result.Stdout, StringComparison.Ordinal);

        // A second run reuses the cached build and has nothing left to archive.
        var again = Policyc.Run(scratch.Path, scratch.Cache, "run", ".", "--json", "again.json");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("using cached build", again.Stderr, StringComparison.Ordinal);
        var second = RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "again.json")));
        Assert.Equal(0, second.Retention.Single(r => r.Dataset == "observations").Archived);
        Assert.Equal(875, CountRows("main.observations"));
    }

    [Fact]
    public void Dry_run_reports_what_retention_would_do_and_changes_nothing()
    {
        var result = Policyc.Run(scratch.Path, scratch.Cache, "run", ".", "--dry-run", "--apply", "--json", "dry.json");
        Assert.True(result.ExitCode == 1, result.ToString());
        var report = RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "dry.json")));
        Assert.True(report.DryRun);
        Assert.Equal(1000, CountRows("main.observations"));
        Assert.False(Directory.Exists(Path.Combine(scratch.Path, "archive")) && Directory.EnumerateFiles(Path.Combine(scratch.Path, "archive"), "*", SearchOption.AllDirectories).Any());
        Assert.Contains("125", result.Stdout, StringComparison.Ordinal);

        // --apply on the embedded store: DuckDB has no roles, so both datasets' grants are reported as not applied, not skipped.
        Assert.Equal(["observations", "targets"], report.Access.Where(a => a.Status == AccessStatus.NotApplied).Select(a => a.Dataset).Order(StringComparer.Ordinal));
        Assert.Contains("access observations: NOT applied: store 'local' (duckdb) cannot apply grants or masked views", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_then_run_the_assembly_like_a_scheduled_job()
    {
        var built = Policyc.Run(scratch.Path, scratch.Cache, "build", ".", "-o", "out");
        Assert.True(built.ExitCode == 0, built.ToString());
        // The assembly is named after the policy's identity (its `name "quickstart"`), not after the folder it was built from.
        var dll = Path.Combine(scratch.Path, "out", "quickstart.Enforcement.dll");
        Assert.True(File.Exists(dll), built.ToString());
        Assert.True(File.Exists(Path.ChangeExtension(dll, ".pdb")));

        var run = Policyc.Run(Policyc.Root, scratch.Cache, "run", dll, "--base-dir", scratch.Path, "--dataset", "targets");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("targets", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("observations ", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Docs_tests_and_audit_verification()
    {
        var docs = Policyc.Run(scratch.Path, scratch.Cache, "docs", ".", "-o", "docs", "--today", "2026-11-26");
        Assert.True(docs.ExitCode == 0, docs.ToString());
        var markdown = File.ReadAllText(Path.Combine(scratch.Path, "docs", "compliance.md"));
        Assert.Contains("Quickstart Observatory", markdown, StringComparison.Ordinal);
        Assert.Contains("quickstart.gov:", markdown, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(scratch.Path, "docs", "compliance.json")));

        var tests = Policyc.Run(scratch.Path, scratch.Cache, "test", ".");
        Assert.True(tests.ExitCode == 0, tests.ToString());
        Assert.Contains("3 passed, 0 failed", tests.Stdout, StringComparison.Ordinal);
        Assert.Contains("rules no test exercises", tests.Stdout, StringComparison.Ordinal);

        Assert.Equal(1, Policyc.Run(scratch.Path, scratch.Cache, "run", ".").ExitCode);
        var intact = Policyc.Run(scratch.Path, scratch.Cache, "audit", "verify", ".");
        Assert.True(intact.ExitCode == 0, intact.ToString());
        Assert.Contains("audit trail intact", intact.Stdout, StringComparison.Ordinal);

        Execute("UPDATE main.audit_log SET details = 'edited' WHERE rowid = (SELECT min(rowid) + 1 FROM main.audit_log)");
        var tampered = Policyc.Run(scratch.Path, scratch.Cache, "audit", "verify", ".");
        Assert.True(tampered.ExitCode == 1, tampered.ToString());
        Assert.Contains("TAMPERED", tampered.Stdout, StringComparison.Ordinal);
    }

    private long CountRows(string table)
    {
        using var connection = new DuckDBConnection($"Data Source={Database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private void Execute(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
