using System.Text.Json;
using DuckDB.NET.Data;
using Xunit;
using PolicyLang.Testing;

namespace PolicyLang.Cli.Tests;

/// <summary>`policyc history` and `policyc docs --html --history` on real stores: DuckDB, a folder's JSON Lines file and PostgreSQL (docs/history.md).</summary>
public sealed class HistoryCliTests(PgDatabase pg) : IClassFixture<PgDatabase>, IDisposable
{
    private readonly Scratch scratch = new();

    public void Dispose() => scratch.Dispose();

    private static string Policy(string store, string dataset, string history) => $$"""
        policy "Hist" { version "1" owner "ops" review every 90 days name "hist" }
        classification public
        {{store}}
        store files folder { path "files" }
        dataset readings in {{dataset}} {
          owner "ops" classification public
          expect value between 0 and 10
          expect id not null
        }
        {{history}}
        """;

    private void Duck(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(scratch.Path, "lab.duckdb")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private Result Policyc(IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        PolicyLang.Cli.Tests.Policyc.RunWith(environment ?? new Dictionary<string, string?>(), scratch.Path, scratch.Cache, args);

    [Theory]
    [InlineData("history { store local table \"ops.runs\" }")]
    [InlineData("history { store files path \"history/runs.jsonl\" }")]
    public void History_of_duckdb_checks_kept_in_duckdb_or_a_folder(string history)
    {
        Duck("CREATE TABLE readings (id BIGINT, value INTEGER); INSERT INTO readings VALUES (1, 5), (2, 50)");
        scratch.File("p.gov", Policy("store local duckdb { file \"lab.duckdb\" }", "local table \"main.readings\"", history));
        Assert.Equal(1, Policyc(null, "run", ".").ExitCode);
        Duck("UPDATE readings SET value = 7");
        Assert.Equal(0, Policyc(null, "run", ".").ExitCode);
        Duck("UPDATE readings SET value = 70 WHERE id = 1; UPDATE readings SET value = 90 WHERE id = 2");
        Assert.Equal(1, Policyc(null, "run", ".").ExitCode);

        var table = Policyc(null, "history", ".");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("policy hist: run history in ", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("3 runs from ", table.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"readings\s+value_between\s+failed\s+F\.F\s+1 run since \d{4}-\d\d-\d\d \d\d:\d\dZ\s+2 flapping\s+rising\s+1 0 2", table.Stdout);
        Assert.Matches(@"readings\s+id_not_null\s+passed\s+\.\.\.\s+-\s+0\s+steady\s+0 0 0", table.Stdout);

        var json = Policyc(null, "history", ".", "--rule", "value_between", "--last", "2", "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        using var doc = JsonDocument.Parse(json.Stdout);
        var root = doc.RootElement;
        Assert.Equal(("hist", 3, "failed"), (root.GetProperty("policy").GetString(), root.GetProperty("runs").GetInt32(), root.GetProperty("lastRunStatus").GetString()));
        var rule = Assert.Single(root.GetProperty("rules").EnumerateArray().ToList());
        Assert.Equal(("readings", "value_between", "error"), (rule.GetProperty("dataset").GetString(), rule.GetProperty("rule").GetString(), rule.GetProperty("severity").GetString()));
        Assert.Equal((3, 1, 1, false), (rule.GetProperty("runs").GetInt32(), rule.GetProperty("consecutiveFailures").GetInt32(), rule.GetProperty("flips").GetInt32(), rule.GetProperty("flapping").GetBoolean()));
        Assert.Equal([0L, 2L], rule.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("violations").GetInt64()));
        Assert.Equal(JsonValueKind.String, rule.GetProperty("firstFailedAt").ValueKind);

        var none = Policyc(null, "history", ".", "--since", "2999-01-01");
        Assert.True(none.ExitCode == 1, none.ToString());
        Assert.Contains("no run recorded matches the filters", none.Stderr, StringComparison.Ordinal);
        var unknown = Policyc(null, "history", ".", "--dataset", "nope");
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("no dataset named 'nope'", unknown.Stderr, StringComparison.Ordinal);
        var since = Policyc(null, "history", ".", "--since", "last tuesday");
        Assert.True(since.ExitCode == 2, since.ToString());
        Assert.Contains("--since 'last tuesday' is not a date", since.Stderr, StringComparison.Ordinal);

        var docs = Policyc(null, "docs", ".", "--html", "--history", "-o", "out");
        Assert.True(docs.ExitCode == 0, docs.ToString());
        var html = File.ReadAllText(Path.Combine(scratch.Path, "out", "compliance.html"));
        Assert.Contains("<title id=\"trend-readings-title\">readings: violations and rule pass rate over the last 3 runs</title>", html, StringComparison.Ordinal);
        Assert.Contains("from the run history in ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_in_postgres_and_its_errors()
    {
        var environment = new Dictionary<string, string?> { ["PL_HIST_PG"] = pg.ConnectionString };
        await pg.ExecAsync("CREATE TABLE public.readings (id int, value int)", "INSERT INTO public.readings VALUES (1, 5), (NULL, 5)");
        scratch.File("p.gov", Policy("store db postgres { connection env(\"PL_HIST_PG\") }", "db table \"public.readings\"", "history { store db table \"ops.policy_runs\" }"));
        Assert.Equal(1, Policyc(environment, "run", ".").ExitCode);
        Assert.Equal(1, Policyc(environment, "run", ".").ExitCode);

        var table = Policyc(environment, "history", ".", "--dataset", "readings");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("run history in postgres store db (table ops.policy_runs): 2 runs", table.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"readings\s+id_not_null\s+failed\s+FF\s+2 runs since ", table.Stdout);
        Assert.Equal(6, await pg.ScalarAsync("SELECT count(*) FROM ops.policy_runs"));

        var missing = Policyc(new Dictionary<string, string?> { ["PL_HIST_PG"] = null }, "history", ".");
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains("policyc: store 'db': setting 'connection' reads environment variable 'PL_HIST_PG', which is not set", missing.Stderr, StringComparison.Ordinal);

        var closed = Policyc(new Dictionary<string, string?> { ["PL_HIST_PG"] = "Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=3" }, "history", ".");
        Assert.True(closed.ExitCode == 2, closed.ToString());
        Assert.StartsWith("policyc: store 'db': cannot reach PostgreSQL", closed.Stderr.Split('\n').Last(l => l.StartsWith("policyc: ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", closed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_history_block_the_verb_says_how_to_add_one_and_help_lists_the_exit_codes()
    {
        Duck("CREATE TABLE readings (id BIGINT, value INTEGER)");
        scratch.File("p.gov", Policy("store local duckdb { file \"lab.duckdb\" }", "local table \"main.readings\"", ""));
        var result = Policyc(null, "history", ".");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("policy 'hist' keeps no run history: add `history { store <name> }`", result.Stderr, StringComparison.Ordinal);

        var help = Policyc(null, "history", "--help");
        Assert.True(help.ExitCode == 0, help.ToString());
        foreach (var text in new[] { "--dataset", "--rule", "--since", "--json", "--last", "flapping", "no `history` block" })
        {
            Assert.Contains(text, help.Stdout, StringComparison.Ordinal);
        }
    }
}
