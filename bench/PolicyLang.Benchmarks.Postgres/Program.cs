// Usage: dotnet run -c Release --project bench/PolicyLang.Benchmarks.Postgres -- [checkRows=5000000] [retentionRows=1000000] [batchSize=50000, the runner default] [incrementalRows=5000000]
// Needs POLICYLANG_TEST_PG_URL (source scripts/services.sh; services_start). Creates and drops its own database.
using System.Globalization;
using Npgsql;
using PolicyLang.Benchmarks.Postgres;

var server = Environment.GetEnvironmentVariable("POLICYLANG_TEST_PG_URL")
    ?? throw new InvalidOperationException("POLICYLANG_TEST_PG_URL is not set: source scripts/services.sh and call services_start");
var checkRows = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 5_000_000;
var retentionRows = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
if (args.Length > 2)
{
    RetentionBenchmark.BatchSize = int.Parse(args[2], CultureInfo.InvariantCulture);
}

var incrementalRows = args.Length > 3 ? long.Parse(args[3], CultureInfo.InvariantCulture) : 5_000_000;
var database = "bench_" + Guid.NewGuid().ToString("N")[..8];

await Admin(server, $"CREATE DATABASE {database}");
var connection = new NpgsqlConnectionStringBuilder(server) { Database = database, CommandTimeout = 0 }.ConnectionString;
try
{
    if (checkRows > 0)
    {
        await CheckBenchmark.RunAsync(connection, checkRows);
    }

    if (retentionRows > 0)
    {
        await RetentionBenchmark.RunAsync(connection, retentionRows);
    }

    if (incrementalRows > 0)
    {
        await IncrementalBenchmark.RunAsync(connection, incrementalRows);
    }
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await Admin(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
}

static async Task Admin(string server, string sql)
{
    await using var c = new NpgsqlConnection(server);
    await c.OpenAsync();
    await using var command = new NpgsqlCommand(sql, c);
    await command.ExecuteNonQueryAsync();
}
