using Xunit;
using PolicyLang.Testing;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// `policyc plan` shows an incremental check's window per rule group (docs/incremental-checks.md) on every store that runs row checks:
/// the watermark column, that the lower bound is the last successful run's watermark, the query finding the new one, and the rules
/// that stay whole-table. No store is connected.
/// </summary>
public sealed class IncrementalPlanTests : IDisposable
{
    private readonly Scratch scratch = new();

    public void Dispose() => scratch.Dispose();

    private static string Dataset(string name, string store, string location) => $$"""
        dataset {{name}} in {{store}} {{location}} {
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

    [Fact]
    public void Plan_shows_the_window_of_each_rule_group_on_duckdb_postgres_and_mongodb()
    {
        scratch.File("p.gov", $$"""
            policy "Inc" { version "1" owner "ops" review every 90 days name "inc" }
            classification public
            store local duckdb   { file "lab.duckdb" }
            store db    postgres { connection env("PL_PLAN_PG") }
            store docs  mongodb  { connection env("PL_PLAN_MONGO") }
            history { store local }
            {{Dataset("duck_obs", "local", "table \"obs\"")}}
            {{Dataset("pg_obs", "db", "table \"app.obs\"")}}
            {{Dataset("mongo_obs", "docs", "collection \"obs\"")}}
            dataset plain in local table "plain" { owner "ops" classification public column id bigint expect id unique }
            """);

        var result = Policyc.Run(scratch.Path, scratch.Cache, "plan", ".");
        Assert.True(result.ExitCode == 0, result.ToString());
        var text = result.Stdout;
        foreach (var dataset in new[] { "duck_obs", "pg_obs", "mongo_obs" })
        {
            var section = text[text.IndexOf(dataset, StringComparison.Ordinal)..];
            Assert.Contains("whole table (id_unique): every row, every run", section, StringComparison.Ordinal);
            Assert.Contains("incremental by ts (mag_ok): only rows with ts > the watermark of the last successful run (read from the run history; every row on the first run) and ts <= max(ts) when the run starts", section, StringComparison.Ordinal);
            Assert.Contains("incremental by id (mag_not_null): only rows with id > the watermark of the last successful run", section, StringComparison.Ordinal);
        }

        // DuckDB: the new watermark's query, and the group's scan bounded by both watermarks.
        Assert.Contains("""SELECT max("ts"), typeof(max("ts")) FROM "obs" WHERE "ts" > $p0;""", text, StringComparison.Ordinal);
        Assert.Contains("""FROM "obs" WHERE "ts" > $p2 AND "ts" <= $p3;""", text, StringComparison.Ordinal);
        Assert.Contains("$p2 = '<watermark of the last successful run>', $p3 = '<max(ts) when the run starts>'", text, StringComparison.Ordinal);
        // The whole-table scan and the duplicate search have no window.
        Assert.Contains("""SELECT count(*)::BIGINT FROM "obs";""", text, StringComparison.Ordinal);
        // PostgreSQL: the same, with positional parameters.
        Assert.Contains("""SELECT max("ts") FROM "app"."obs" WHERE "ts" > $1;""", text, StringComparison.Ordinal);
        Assert.Contains("""FROM "app"."obs" WHERE "ts" > $3 AND "ts" <= $4;""", text, StringComparison.Ordinal);
        Assert.Contains("""SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM "app"."obs" WHERE "id" IS NOT NULL GROUP BY "id" HAVING count(*) > 1) AS d;""", text, StringComparison.Ordinal);
        // MongoDB: the find for the new watermark, and the window as the pipeline's first $match.
        Assert.Contains("""new watermark: one find { "ts" : { "$gt" : "<watermark of the last successful run>" } } sorted by { "ts" : -1 }, limit 1""", text, StringComparison.Ordinal);
        Assert.Contains("\"$lte\" : \"<max(ts) when the run starts>\"", text, StringComparison.Ordinal);
        // A dataset without watermarks is planned as before.
        Assert.DoesNotContain("-- dataset plain: 1 rule, checked incrementally", text, StringComparison.Ordinal);
        Assert.Contains("-- dataset plain: 1 rule -> 2 queries", text, StringComparison.Ordinal);
    }
}
