using DuckDB.NET.Data;
using Npgsql;
using PolicyLang.Runtime.Reporting;
using Xunit;
using PolicyLang.Testing;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// One CLR type per column type family in <c>csharp</c> rules (docs/values-and-types.md): the same rules, over one column of
/// every family, hold in <c>policyc test</c> (test rows), in <c>policyc run</c> on DuckDB and on PostgreSQL, and (in
/// PolicyLang.Build.Tests, <c>TypedExecutorColumnTypeTests</c>) in a generated typed executor.
/// </summary>
public sealed class ColumnTypeTests(PgDatabase pg) : IClassFixture<PgDatabase>, IDisposable
{
    private const string ConnectionVariable = "PL_TYPES_PG";
    private readonly Scratch scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void Every_family_has_one_clr_type_in_test_and_in_runs_on_duckdb_and_postgres()
    {
        var duckdb = Path.Combine(scratch.Path, "duck");
        Directory.CreateDirectory(duckdb);
        File.WriteAllText(Path.Combine(duckdb, "types.gov"), ColumnTypeCases.Policy("store db duckdb { file \"types.duckdb\" }").Replace("public.typed", "main.typed", StringComparison.Ordinal));
        using (var connection = new DuckDBConnection($"Data Source={Path.Combine(duckdb, "types.duckdb")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE typed (id BIGINT NOT NULL, t VARCHAR, i BIGINT, n DECIMAL(10, 2), d DOUBLE, b BOOLEAN, ts TIMESTAMP, " +
                "tz TIMESTAMPTZ, dt DATE, tm TIME, u UUID); " + ColumnTypeCases.Insert;
            command.ExecuteNonQuery();
        }

        var postgres = Path.Combine(scratch.Path, "pg");
        Directory.CreateDirectory(postgres);
        File.WriteAllText(Path.Combine(postgres, "types.gov"), ColumnTypeCases.Policy($"store db postgres {{ connection env(\"{ConnectionVariable}\") }}"));
        using (var connection = new NpgsqlConnection(pg.ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand("CREATE TABLE public.typed (id bigint NOT NULL, t text, i bigint, n numeric(10, 2), d double precision, b boolean, " +
                "ts timestamp, tz timestamptz, dt date, tm time, u uuid); " + ColumnTypeCases.Insert, connection);
            command.ExecuteNonQuery();
        }

        var environment = new Dictionary<string, string?> { [ConnectionVariable] = pg.ConnectionString, ["TZ"] = "America/New_York" };
        var test = Policyc.RunWith(environment, duckdb, scratch.Cache, "test", ".");
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Contains("1 passed, 0 failed", test.Stdout, StringComparison.Ordinal);

        foreach (var folder in new[] { duckdb, postgres })
        {
            var run = Policyc.RunWith(environment, folder, scratch.Cache, "run", ".", "--json", "report.json");
            Assert.True(run.ExitCode == 0, $"{Path.GetFileName(folder)}: {run}");
            var report = RunReport.FromJson(File.ReadAllText(Path.Combine(folder, "report.json")));
            Assert.Equal(ColumnTypeCases.Rules.Order(), report.Rules.Select(r => r.Rule).Order());
            Assert.All(report.Rules, r => Assert.True(r is { Violations: 0, Total: 1, Note: null }, $"{Path.GetFileName(folder)}: {r.Rule}: {r.Violations} of {r.Total} ({r.Note})"));
        }
    }
}
