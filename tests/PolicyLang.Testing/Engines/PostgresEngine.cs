using Npgsql;
using NpgsqlTypes;
using PolicyLang.Runtime.Differential;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Postgres;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Testing.Engines;

/// <summary>A case in its own schema of the class's database on the test server, checked by the postgres store.</summary>
internal sealed class PostgresEngine(PgDatabase db) : IRunEngine
{
    public static StoreModel Store => M.Postgres();

    public string Name => "postgres";

    public string Key => GeneratedTable.Key;

    public async Task<CheckOutcome> CountAsync(GeneratedCase c)
    {
        var schema = $"counts_{c.Seed}";
        await LoadAsync(c, schema);
        var policy = CasePolicy.For(c, Store, schema);
        await using var store = Open(policy);
        var result = await store.CheckAsync(new DatasetCheckRequest(policy.Datasets[0], c.Rules, c.Now, policy), CancellationToken.None);
        return new CheckOutcome(result.Counts, result.Queries);
    }

    public async Task<RunReport> RunAsync(GeneratedCase c, CaseRun run)
    {
        var schema = $"counts_{c.Seed}";
        await LoadAsync(c, schema);
        var policy = CasePolicy.For(c, Store, schema, run);
        return await PolicyRunner.RunAsync(new TestPolicy(policy), Options(Path.GetTempPath(), c.Now), CancellationToken.None);
    }

    /// <summary>Loads the case into schema <paramref name="schema"/> (created here).</summary>
    public async Task LoadAsync(GeneratedCase c, string schema)
    {
        await using var connection = await db.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE SCHEMA \"{schema}\"", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        foreach (var table in new[] { c.Facts, c.Dims })
        {
            var name = $"\"{schema}\".\"{table.Name}\"";
            await using (var create = new NpgsqlCommand($"CREATE TABLE {name} ({string.Join(", ", table.Columns.Select(x => $"\"{x.Name}\" {SqlType(x.Type)}"))})", connection))
            {
                await create.ExecuteNonQueryAsync();
            }

            if (table.Rows.Count == 0)
            {
                continue;
            }

            await using var batch = new NpgsqlBatch(connection);
            foreach (var row in table.Rows)
            {
                var insert = new NpgsqlBatchCommand($"INSERT INTO {name} VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$" + (i + 1)))})");
                foreach (var column in table.Columns)
                {
                    insert.Parameters.Add(new NpgsqlParameter { Value = row[column.Name] ?? DBNull.Value, NpgsqlDbType = DbType(column.Type) });
                }

                batch.BatchCommands.Add(insert);
            }

            await batch.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Opens the store of <paramref name="policy"/> the way the runner does.</summary>
    public PostgresStore Open(PolicyModel policy) => M.OpenPostgres(policy, db.ConnectionString);

    public RunOptions Options(string baseDirectory, DateTimeOffset now) => new()
    {
        BaseDirectory = baseDirectory,
        Now = now,
        Retention = false,
        Environment = name => name == M.PostgresVariable ? db.ConnectionString : null,
    };

    private static string SqlType(ColumnType type) => type switch
    {
        ColumnType.Integer => "integer",
        ColumnType.BigInt => "bigint",
        ColumnType.Numeric => "numeric(38, 10)",
        ColumnType.Double => "double precision",
        ColumnType.Text => "text",
        ColumnType.Varchar => "varchar(64)",
        ColumnType.Date => "date",
        ColumnType.Timestamp => "timestamp",
        ColumnType.TimestampTz => "timestamptz",
        _ => "boolean",
    };

    private static NpgsqlDbType DbType(ColumnType type) => type switch
    {
        ColumnType.Integer => NpgsqlDbType.Integer,
        ColumnType.BigInt => NpgsqlDbType.Bigint,
        ColumnType.Numeric => NpgsqlDbType.Numeric,
        ColumnType.Double => NpgsqlDbType.Double,
        ColumnType.Text => NpgsqlDbType.Text,
        ColumnType.Varchar => NpgsqlDbType.Varchar,
        ColumnType.Date => NpgsqlDbType.Date,
        ColumnType.Timestamp => NpgsqlDbType.Timestamp,
        ColumnType.TimestampTz => NpgsqlDbType.TimestampTz,
        _ => NpgsqlDbType.Boolean,
    };
}
