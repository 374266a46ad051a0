using System.Globalization;
using DuckDB.NET.Data;
using PolicyLang.Runtime.Differential;
using PolicyLang.Runtime.DuckDb;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Testing.Engines;

/// <summary>A case in a DuckDB file of its own (loaded with plain DuckDB.NET, not through the store), checked by the duckdb store.</summary>
internal sealed class DuckDbEngine : IRunEngine
{
    public static StoreModel Store => new("db", "duckdb", new Dictionary<string, SettingValue> { ["file"] = SettingValue.Of("case.duckdb") });

    public string Name => "duckdb";

    public string Key => GeneratedTable.Key;

    public async Task<CheckOutcome> CountAsync(GeneratedCase c)
    {
        using var directory = new TempDir("pl-duckdb-");
        var file = Load(c, directory.Path);
        var policy = CasePolicy.For(c, Store, "");
        await using var store = new DuckDbStore(Store, file);
        var result = await store.CheckAsync(new DatasetCheckRequest(policy.Datasets[0], c.Rules, c.Now, policy), CancellationToken.None);
        return new CheckOutcome(result.Counts, result.Queries);
    }

    public async Task<RunReport> RunAsync(GeneratedCase c, CaseRun run)
    {
        using var directory = new TempDir("pl-duckdb-");
        Load(c, directory.Path);
        var policy = CasePolicy.For(c, Store, "", run);
        return await PolicyRunner.RunAsync(new TestPolicy(policy), new RunOptions { BaseDirectory = directory.Path, Now = c.Now }, CancellationToken.None);
    }

    /// <summary>Creates <c>case.duckdb</c> in <paramref name="directory"/> holding the case's tables.</summary>
    public static string Load(GeneratedCase c, string directory)
    {
        var file = Path.Combine(directory, "case.duckdb");
        using var connection = new DuckDBConnection($"Data Source={file}");
        connection.Open();
        Execute(connection, "SET TimeZone = 'UTC'");
        foreach (var table in new[] { c.Facts, c.Dims })
        {
            Execute(connection, $"CREATE TABLE \"{table.Name}\" ({string.Join(", ", table.Columns.Select(x => $"\"{x.Name}\" {SqlType(x.Type)}"))})");
            using var transaction = connection.BeginTransaction();
            foreach (var row in table.Rows)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = $"INSERT INTO \"{table.Name}\" VALUES ({string.Join(", ", table.Columns.Select((x, i) => $"CAST($p{i} AS {SqlType(x.Type)})"))})";
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    insert.Parameters.Add(new DuckDBParameter($"p{i}", Bindable(row[table.Columns[i].Name])));
                }

                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return file;
    }

    private static object Bindable(object? value) => value switch
    {
        null => DBNull.Value,
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        // As text: DuckDB.NET binds a UTC DateTime to TIMESTAMPTZ at millisecond precision; the text keeps every microsecond.
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00",
        _ => value,
    };

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string SqlType(ColumnType type) => type switch
    {
        ColumnType.Integer => "INTEGER",
        ColumnType.BigInt => "BIGINT",
        ColumnType.Numeric => "DECIMAL(38, 10)",
        ColumnType.Double => "DOUBLE",
        ColumnType.Text => "VARCHAR",
        ColumnType.Varchar => "VARCHAR(64)",
        ColumnType.Date => "DATE",
        ColumnType.Timestamp => "TIMESTAMP",
        ColumnType.TimestampTz => "TIMESTAMPTZ",
        _ => "BOOLEAN",
    };
}
