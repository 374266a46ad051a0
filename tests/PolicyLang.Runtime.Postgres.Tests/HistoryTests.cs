using Npgsql;
using PolicyLang.Runtime.History;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Running;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>The run history in PostgreSQL (docs/history.md): the init-db results table extended, a table of the policy's own, rows of earlier versions.</summary>
public sealed class HistoryTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    private static PolicyModel Policy(string table, string name) =>
        M.PostgresPolicy([M.Dataset("readings", "readings_" + name, "id", [M.Rule("v_not_null", RuleKind.NotNull, "v")])])
            with { Name = name, History = new HistoryModel("db", "table", table) };

    private Task<IReadOnlyList<HistoryRun>> Read(PolicyModel policy, string connection) =>
        HistoryLog.ReadAsync(new TestPolicy(policy), M.PostgresOptions(connection, Path.GetTempPath()), new HistoryQuery(policy.Name), CancellationToken.None);

    [Fact]
    public async Task The_runner_role_appends_to_the_init_db_table_and_reads_runs_back()
    {
        var runner = await db.CreateRoleAsync("hist_runner");
        await using (var admin = NpgsqlDataSource.Create(db.ConnectionString))
        {
            await PostgresSetup.InitAsync(admin, runner);
        }

        await db.ExecAsync("CREATE TABLE readings_initdb (id bigint PRIMARY KEY, v integer)", "INSERT INTO readings_initdb VALUES (1, 5), (2, NULL)",
            $"GRANT SELECT ON readings_initdb TO \"{runner}\"");
        var policy = Policy("governance.check_results", "initdb");
        for (var day = 0; day < 3; day++)
        {
            var connection = db.As(runner);
            var report = await M.RunPostgresAsync(policy, new RunOptions
            {
                BaseDirectory = Path.GetTempPath(), Now = M.Now.AddDays(day), Environment = name => name == M.PostgresVariable ? connection : null,
            });
            Assert.Empty(report.Errors);
            if (day == 0)
            {
                await db.ExecAsync("UPDATE readings_initdb SET v = 1");
            }
        }

        var runs = await Read(policy, db.As(runner));
        Assert.Equal(3, runs.Count);
        var rule = HistoryAnalysis.Rules(runs, 10).Single();
        Assert.Equal(["failed", "passed", "passed"], rule.Outcomes.Select(o => o.Status));
        Assert.Equal((0, M.Now.AddDays(2), 1, HistoryAnalysis.Falling), (rule.ConsecutiveFailures, rule.LastPassedAt!.Value, rule.Flips, rule.Trend));
        // One row per rule and one run row per run, never the implicit results rows on top (no double writing).
        Assert.Equal(6, await db.ScalarAsync("SELECT count(*) FROM governance.check_results WHERE policy = 'initdb'"));
        Assert.Equal(3, await db.ScalarAsync("SELECT count(DISTINCT run_id) FROM governance.check_results WHERE policy = 'initdb'"));
    }

    [Fact]
    public async Task A_table_of_its_own_is_created_and_rows_of_earlier_versions_are_read_as_runs()
    {
        await db.ExecAsync("CREATE TABLE readings_own (id bigint PRIMARY KEY, v integer)", "INSERT INTO readings_own VALUES (1, NULL)");
        var policy = Policy("ops.run_history", "own");
        var report = await M.RunPostgresAsync(policy, M.PostgresOptions(db.ConnectionString, Path.GetTempPath()));
        Assert.Empty(report.Errors);
        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM ops.run_history"));

        // A row written before run ids (the results table of earlier versions): one complete run of its own.
        await db.ExecAsync("INSERT INTO ops.run_history (run_at, policy, dataset, rule, kind, severity, status, violations, total) " +
                           "VALUES ('2026-05-01T00:00:00Z', 'own', 'readings', 'v_not_null', 'NotNull', 'error', 'passed', 0, 1)");
        var runs = await Read(policy, db.ConnectionString);
        Assert.Equal([new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), M.Now], runs.Select(r => r.RunAt));
        Assert.Null(runs[0].Run);
        Assert.Equal(["passed", "failed"], HistoryAnalysis.Rules(runs, 10).Single().Outcomes.Select(o => o.Status));
    }

    [Fact]
    public async Task A_role_that_may_not_create_the_table_is_told_to_run_init_db()
    {
        var runner = await db.CreateRoleAsync("hist_limited");
        await db.ExecAsync("CREATE TABLE readings_limited (id bigint)", $"GRANT SELECT ON readings_limited TO \"{runner}\"", $"REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        var report = await M.RunPostgresAsync(Policy("limited_history", "limited"), M.PostgresOptions(db.As(runner), Path.GetTempPath()));
        var error = Assert.Single(report.Errors);
        Assert.StartsWith("history: store 'db': the history table 'limited_history' does not exist", error, StringComparison.Ordinal);
        Assert.Contains("policyc init-db", error, StringComparison.Ordinal);
        Assert.Empty(report.Rules);
    }
}
