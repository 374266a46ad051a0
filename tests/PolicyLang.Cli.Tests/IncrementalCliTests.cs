using System.Text.Json;
using DuckDB.NET.Data;
using Xunit;
using PolicyLang.Testing;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// Incremental checks at process level (docs/incremental-checks.md): `policyc run` twice with new rows between; old violations are not
/// reported again, a duplicate spanning old and new rows still is, a failed run does not advance the watermark, the report and the history
/// record the window.
/// </summary>
public sealed class IncrementalCliTests : IDisposable
{
    private readonly Scratch scratch = new();

    public void Dispose() => scratch.Dispose();

    private const string Policy = """
        policy "Inc" { version "1" owner "ops" review every 90 days name "inc" }
        classification public
        store local duckdb { file "lab.duckdb" }
        history { store local }
        dataset obs in local table "obs" {
          owner "ops" classification public
          key id
          column id bigint not null
          column ts timestamp not null
          column mag double
          watermark ts
          expect mag between 0 and 10 as mag_ok
          expect id unique
          expect mag not null incremental by id
        }
        """;

    private void Duck(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(scratch.Path, "lab.duckdb")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private (Result Run, JsonElement Rules) Run()
    {
        var run = Policyc.Run(scratch.Path, scratch.Cache, "run", ".", "--json", "report.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(scratch.Path, "report.json")));
        return (run, doc.RootElement.GetProperty("rules").Clone());
    }

    private static JsonElement Rule(JsonElement rules, string name) => rules.EnumerateArray().Single(r => r.GetProperty("rule").GetString() == name);

    private static string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;

    [Fact]
    public void Second_run_checks_new_rows_only_and_finds_duplicates_across_old_and_new()
    {
        Duck("""
            CREATE TABLE obs (id BIGINT, ts TIMESTAMP, mag DOUBLE);
            INSERT INTO obs VALUES (1, '2026-01-01 00:00:00', 5), (2, '2026-01-02 00:00:00', 50), (3, '2026-01-03 00:00:00', NULL)
            """);
        scratch.File("p.gov", Policy);

        var (first, rules) = Run();
        Assert.True(first.ExitCode == 1, first.ToString());
        var magOk = Rule(rules, "mag_ok");
        Assert.Equal((2L, 3L), (magOk.GetProperty("violations").GetInt64(), magOk.GetProperty("total").GetInt64()));
        var window = magOk.GetProperty("window");
        Assert.Equal(("ts", null, "2026-01-03T00:00:00Z"), (Text(window, "column"), Text(window, "from"), Text(window, "to")));
        Assert.Equal("3", Text(Rule(rules, "mag_not_null").GetProperty("window"), "to"));
        Assert.False(Rule(rules, "id_unique").TryGetProperty("window", out _));

        // New rows: one good, one out of band, one repeating an old id. The old violations (ids 2 and 3) are not reported again.
        Duck("INSERT INTO obs VALUES (4, '2026-01-04 00:00:00', 7), (5, '2026-01-05 00:00:00', 70), (1, '2026-01-06 00:00:00', 6)");
        var (second, again) = Run();
        Assert.True(second.ExitCode == 1, second.ToString());
        magOk = Rule(again, "mag_ok");
        Assert.Equal((1L, 3L), (magOk.GetProperty("violations").GetInt64(), magOk.GetProperty("total").GetInt64()));
        window = magOk.GetProperty("window");
        Assert.Equal(("2026-01-03T00:00:00Z", "2026-01-06T00:00:00Z"), (Text(window, "from"), Text(window, "to")));
        var notNull = Rule(again, "mag_not_null");
        Assert.Equal((0L, "passed", "3"), (notNull.GetProperty("violations").GetInt64(), notNull.GetProperty("status").GetString(), Text(notNull.GetProperty("window"), "from")));
        var unique = Rule(again, "id_unique");
        Assert.Equal((2L, 6L), (unique.GetProperty("violations").GetInt64(), unique.GetProperty("total").GetInt64()));

        // No new row: the window is empty, the rules pass, the watermark stays.
        var (third, quiet) = Run();
        Assert.True(third.ExitCode == 1, third.ToString());
        magOk = Rule(quiet, "mag_ok");
        Assert.Equal((0L, 0L, "passed"), (magOk.GetProperty("violations").GetInt64(), magOk.GetProperty("total").GetInt64(), magOk.GetProperty("status").GetString()));
        Assert.Equal("2026-01-06T00:00:00Z", Text(magOk.GetProperty("window"), "from"));
        Assert.Null(Text(magOk.GetProperty("window"), "to"));

        var history = Policyc.Run(scratch.Path, scratch.Cache, "history", ".", "--rule", "mag_ok", "--json");
        Assert.True(history.ExitCode == 0, history.ToString());
        Assert.Contains("3 runs", Policyc.Run(scratch.Path, scratch.Cache, "history", ".").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_run_does_not_advance_the_watermark()
    {
        Duck("CREATE TABLE obs (id BIGINT, ts TIMESTAMP, mag DOUBLE); INSERT INTO obs VALUES (1, '2026-01-01 00:00:00', 5)");
        scratch.File("p.gov", Policy);
        Assert.Equal(0, Run().Run.ExitCode);

        // A run that ends with errors (exit code 2): another dataset's table is missing.
        scratch.File("broken.gov", """dataset gone in local table "missing_table" { owner "ops" classification public expect x not null }""");
        Duck("INSERT INTO obs VALUES (2, '2026-01-02 00:00:00', 50)");
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
