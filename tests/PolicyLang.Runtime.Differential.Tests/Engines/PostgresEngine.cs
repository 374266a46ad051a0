using Npgsql;
using NpgsqlTypes;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Postgres;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;
using Xunit;

namespace PolicyLang.Runtime.Differential;

/// <summary>A generated case in its own schema of a fresh database on the test server (POLICYLANG_TEST_PG_URL).</summary>
public sealed class PostgresEngine : IAsyncLifetime
{
    public const string ConnectionVariable = "DIFFERENTIAL_PG_CONNECTION";
    private const string ServerVariable = "POLICYLANG_TEST_PG_URL";
    private readonly string _database = "d_" + Guid.NewGuid().ToString("N");

    public string ConnectionString { get; private set; } = "";

    public static StoreModel Store => new("db", "postgres", new Dictionary<string, SettingValue> { ["connection"] = SettingValue.Env(ConnectionVariable) });

    private static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } url
        ? url
        : throw new InvalidOperationException($"{ServerVariable} is not set: source scripts/services/postgres.sh and run start_postgres first");

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(Server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(Server) { Database = _database, Pooling = false }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Loads the case into schema <paramref name="schema"/> (created here).</summary>
    public async Task LoadAsync(GeneratedCase c, string schema)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE SCHEMA \"{schema}\"", connection)) await create.ExecuteNonQueryAsync();
        foreach (var table in new[] { c.Facts, c.Dims })
        {
            var name = $"\"{schema}\".\"{table.Name}\"";
            await using (var create = new NpgsqlCommand($"CREATE TABLE {name} ({string.Join(", ", table.Columns.Select(x => $"\"{x.Name}\" {SqlType(x.Type)}"))})", connection))
                await create.ExecuteNonQueryAsync();
            await using var batch = new NpgsqlBatch(connection);
            foreach (var row in table.Rows)
            {
                var insert = new NpgsqlBatchCommand($"INSERT INTO {name} VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$" + (i + 1)))})");
                foreach (var column in table.Columns) insert.Parameters.Add(new NpgsqlParameter { Value = row[column.Name] ?? DBNull.Value, NpgsqlDbType = DbType(column.Type) });
                batch.BatchCommands.Add(insert);
            }
            await batch.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Opens the store of <paramref name="policy"/> the way the runner does.</summary>
    public PostgresStore Open(PolicyModel policy) =>
        (PostgresStore)new PostgresStoreProvider().Open(policy.Stores[0], new StoreContext(policy, Options(Path.GetTempPath(), DataGenerator.Now)));

    public RunOptions Options(string baseDirectory, DateTimeOffset now) => new()
    {
        BaseDirectory = baseDirectory,
        Now = now,
        Retention = false,
        Environment = name => name == ConnectionVariable ? ConnectionString : null,
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
