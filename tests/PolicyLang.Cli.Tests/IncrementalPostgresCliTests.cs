using System.Text.Json;
using Xunit;
using PolicyLang.Testing;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// Incremental checks on the PostgreSQL test server, at process level (docs/incremental-checks.md): the run history and the data in
/// PostgreSQL, two runs with new rows between; old violations are not reported again, a duplicate spanning old and new rows still is,
/// the report records the window, and a run with errors does not advance the watermark.
/// </summary>
public sealed class IncrementalPostgresCliTests(PgDatabase pg) : IClassFixture<PgDatabase>, IDisposable
{
    private const string ConnectionVariable = "PL_INC_PG";
    private readonly Scratch scratch = new();

    public void Dispose() => scratch.Dispose();

    /// <summary>The policy <paramref name="name"/> checking <c>app.<paramref name="table"/></c> (each test has its own: the database is shared).</summary>
    private static string Policy(string name, string table) => $$"""
        policy "Inc on PostgreSQL" { version "1" owner "ops" review every 90 days name "{{name}}" }
        classification public
        store db postgres { connection env("PL_INC_PG") }
        history { store db }
        dataset obs in db table "app.{{table}}" {
          owner "ops" classification public
          key id
          column id bigint not null
          column ts timestamptz not null
          column mag double
          watermark ts
          expect mag between 0 and 10 as mag_ok
          expect id unique
          expect mag not null incremental by id
        }
        """;

    private string runner = "";
    private string table = "";

    /// <summary>The table, a runner role that may read it, and the history table set up by <c>policyc init-db</c>.</summary>
    private async Task SetUpAsync(string name)
    {
        (runner, table) = (await pg.CreateRoleAsync("runner"), name);
        await pg.ExecAsync("CREATE SCHEMA IF NOT EXISTS app", $"CREATE TABLE app.{table} (id bigint, ts timestamptz, mag double precision)",
            $"GRANT USAGE ON SCHEMA app TO \"{runner}\"", $"GRANT SELECT ON app.{table} TO \"{runner}\"");
        scratch.File("p.gov", Policy(name, table));
        var environment = new Dictionary<string, string?> { [ConnectionVariable] = pg.As(runner), ["PL_INC_PG_ADMIN"] = pg.AdminUrl("incremental-admin") };
        var init = Policyc.RunWith(environment, scratch.Path, scratch.Cache, "init-db", ".", "--runner-role", runner, "--admin-env", "PL_INC_PG_ADMIN");
        Assert.True(init.ExitCode == 0, init.ToString());
    }

    private (Result Run, JsonElement Rules) Run()
    {
        var run = Policyc.RunWith(new Dictionary<string, string?> { [ConnectionVariable] = pg.As(runner) }, scratch.Path, scratch.Cache, "run", ".", "--json", "report.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(scratch.Path, "report.json")));
        return (run, doc.RootElement.GetProperty("rules").Clone());
    }

    private static JsonElement Rule(JsonElement rules, string name) => rules.EnumerateArray().Single(r => r.GetProperty("rule").GetString() == name);

    private static string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static (long Violations, long Total) Counts(JsonElement rule) => (rule.GetProperty("violations").GetInt64(), rule.GetProperty("total").GetInt64());

    [Fact]
    public async Task Second_run_checks_new_rows_only_and_finds_duplicates_across_old_and_new()
    {
        await SetUpAsync("inc_two_runs");
        await pg.ExecAsync($"INSERT INTO app.{table} VALUES (1, '2026-01-01 00:00:00Z', 5), (2, '2026-01-02 00:00:00Z', 50), (3, '2026-01-03 00:00:00Z', NULL)");

        var (first, rules) = Run();
        Assert.True(first.ExitCode == 1, first.ToString());
        var magOk = Rule(rules, "mag_ok");
        Assert.Equal((2L, 3L), Counts(magOk));
        var window = magOk.GetProperty("window");
        Assert.Equal(("ts", null, "2026-01-03T00:00:00Z"), (Text(window, "column"), Text(window, "from"), Text(window, "to")));
        Assert.Equal("3", Text(Rule(rules, "mag_not_null").GetProperty("window"), "to"));
        Assert.False(Rule(rules, "id_unique").TryGetProperty("window", out _));

        // New rows: one good, one out of band, one repeating an old id. The old violations (ids 2 and 3) are not reported again.
        await pg.ExecAsync($"INSERT INTO app.{table} VALUES (4, '2026-01-04 00:00:00Z', 7), (5, '2026-01-05 00:00:00Z', 70), (1, '2026-01-06 00:00:00Z', 6)");
        var (second, again) = Run();
        Assert.True(second.ExitCode == 1, second.ToString());
        magOk = Rule(again, "mag_ok");
        Assert.Equal((1L, 3L), Counts(magOk));
        window = magOk.GetProperty("window");
        Assert.Equal(("2026-01-03T00:00:00Z", "2026-01-06T00:00:00Z"), (Text(window, "from"), Text(window, "to")));
        var notNull = Rule(again, "mag_not_null");
        Assert.Equal((0L, "passed"), (notNull.GetProperty("violations").GetInt64(), notNull.GetProperty("status").GetString()));
        Assert.Equal(("3", "5"), (Text(notNull.GetProperty("window"), "from"), Text(notNull.GetProperty("window"), "to")));
        Assert.Equal((2L, 6L), Counts(Rule(again, "id_unique")));

        // The history keeps the windows (and so the watermarks) in PostgreSQL.
        Assert.Equal(2, await pg.ScalarAsync("SELECT count(DISTINCT window_to) FROM governance.check_results WHERE policy = 'inc_two_runs' AND rule = 'mag_ok' AND window_column = 'ts'"));
    }

    [Fact]
    public async Task A_run_with_errors_does_not_advance_the_watermark()
    {
        await SetUpAsync("inc_failed_run");
        await pg.ExecAsync($"INSERT INTO app.{table} VALUES (1, '2026-01-01 00:00:00Z', 5)");
        Assert.Equal(0, Run().Run.ExitCode);

        // A run that ends with errors (exit code 2): another dataset's table does not exist.
        scratch.File("broken.gov", """dataset gone in db table "app.missing_table" { owner "ops" classification public expect x not null }""");
        await pg.ExecAsync($"INSERT INTO app.{table} VALUES (2, '2026-01-02 00:00:00Z', 50)");
        var (failed, rules) = Run();
        Assert.True(failed.ExitCode == 2, failed.ToString());
        Assert.Equal(1L, Rule(rules, "mag_ok").GetProperty("violations").GetInt64());

        File.Delete(Path.Combine(scratch.Path, "broken.gov"));
        var (rerun, again) = Run();
        Assert.True(rerun.ExitCode == 1, rerun.ToString());
        var magOk = Rule(again, "mag_ok");
        Assert.Equal((1L, "2026-01-01T00:00:00Z"), (magOk.GetProperty("violations").GetInt64(), Text(magOk.GetProperty("window"), "from")));
    }
}
