using System.Diagnostics;
using Amazon.S3;
using Amazon.S3.Model;
using DuckDB.NET.Data;
using Npgsql;

namespace PolicyLang.Benchmarks.Runs;

/// <summary>
/// The benchmark's table in each engine, and each engine's own path for the same work: DuckDB's
/// <c>COPY (SELECT … WHERE expired) TO 'x.parquet'</c> + <c>DELETE … WHERE expired</c>, PostgreSQL's
/// <c>COPY (SELECT …) TO STDOUT</c> into a file + <c>DELETE</c>, in one transaction.
/// Rows: <c>expired</c> rows older than the cutoff in a scrambled order (so oldest-first is not key order), plus 10% fresh rows;
/// every 7th tag is NULL.
/// </summary>
internal static class Engines
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    public static readonly DateTimeOffset Cutoff = Now.AddDays(-30);
    private static string CutoffLiteral => $"TIMESTAMPTZ '{Cutoff.UtcDateTime:yyyy-MM-dd HH:mm:ss}+00'";

    private static string Rows(long expired, string range, string cast) => $"""
        SELECT i{cast} AS id, 'event ' || i AS name, CASE WHEN i % 7 = 0 THEN NULL ELSE substr(md5(i::VARCHAR), 1, 8) END AS tag,
          i * 1.25 AS amount,
          CASE WHEN i <= {expired} THEN {CutoffLiteral} - INTERVAL '1 day' - ((i * 7919) % {Math.Max(1, expired)}) * INTERVAL '1 second'
               ELSE TIMESTAMPTZ '{Now.UtcDateTime:yyyy-MM-dd HH:mm:ss}+00' - INTERVAL '1 hour' END AS created
        FROM {range}
        """;

    /// <summary>A DuckDB file holding the events table with <paramref name="expired"/> expired rows (0: an empty table).</summary>
    public static void SeedDuckDb(string file, long expired)
    {
        using var connection = new DuckDBConnection($"Data Source={file}");
        connection.Open();
        var total = expired + expired / 10;
        Exec(connection, "CREATE TABLE events (id BIGINT NOT NULL, name VARCHAR, tag VARCHAR, amount DOUBLE, created TIMESTAMPTZ)");
        Exec(connection, $"INSERT INTO events {Rows(expired, $"range(1, {total} + 1) t(i)", "::BIGINT")}");
        Exec(connection, "CHECKPOINT");
    }

    /// <summary>DuckDB's own path on a copy of the seeded file; seconds of COPY + DELETE.</summary>
    public static double DuckDbCopyDelete(string file, string parquet, long expired)
    {
        using var connection = new DuckDBConnection($"Data Source={file}");
        connection.Open();
        var watch = Stopwatch.StartNew();
        Exec(connection, $"COPY (SELECT * FROM events WHERE created < {CutoffLiteral} ORDER BY id) TO '{parquet}' (FORMAT parquet, COMPRESSION zstd)");
        var deleted = Exec(connection, $"DELETE FROM events WHERE created < {CutoffLiteral}");
        var seconds = watch.Elapsed.TotalSeconds;
        Expect(deleted, expired, "DuckDB DELETE");
        return seconds;
    }

    public static long CountDuckDb(string file)
    {
        using var connection = new DuckDBConnection($"Data Source={file}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*)::BIGINT FROM events";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>A template table in PostgreSQL with <paramref name="expired"/> expired rows.</summary>
    public static async Task SeedPostgresAsync(string connection, string template, long expired)
    {
        var total = expired + expired / 10;
        await PgAsync(connection, $"DROP TABLE IF EXISTS {template}");
        await PgAsync(connection, $"CREATE TABLE {template} AS {Rows(expired, $"generate_series(1::bigint, {total}) AS g(i)", "::bigint").Replace("::VARCHAR", "::text")}");
    }

    /// <summary>(Re)creates public.events from the template: primary key, and the (created, id) index retention selects by.</summary>
    public static async Task ResetPostgresAsync(string connection, string template)
    {
        await PgAsync(connection, "DROP TABLE IF EXISTS events");
        await PgAsync(connection, "CREATE TABLE events (id bigint PRIMARY KEY, name text, tag text, amount double precision, created timestamptz)");
        await PgAsync(connection, $"INSERT INTO events SELECT * FROM {template}");
        await PgAsync(connection, "CREATE INDEX ON events (created, id)");
        await PgAsync(connection, "VACUUM ANALYZE events");
    }

    /// <summary>PostgreSQL's own path: COPY (SELECT …) TO STDOUT into a file, then DELETE, one transaction; seconds.</summary>
    public static async Task<double> PostgresCopyDeleteAsync(string connection, string file, long expired)
    {
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        var watch = Stopwatch.StartNew();
        await using var tx = await c.BeginTransactionAsync();
        await using (var output = File.Create(file))
        using (var reader = await c.BeginTextExportAsync($"COPY (SELECT * FROM events WHERE created < {CutoffLiteral} ORDER BY id) TO STDOUT"))
        {
            var buffer = new char[1 << 16];
            await using var writer = new StreamWriter(output);
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0)
            {
                await writer.WriteAsync(buffer.AsMemory(0, read));
            }
        }

        await using var delete = new NpgsqlCommand($"DELETE FROM events WHERE created < {CutoffLiteral}", c, tx);
        var deleted = await delete.ExecuteNonQueryAsync();
        await tx.CommitAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        Expect(deleted, expired, "PostgreSQL DELETE");
        return seconds;
    }

    public static async Task<long> CountPostgresAsync(string connection)
    {
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM events", c);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task PgAsync(string connection, string sql)
    {
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        await using var command = new NpgsqlCommand(sql, c) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    public static async Task CreateBucketAsync(string endpoint, string bucket)
    {
        using var client = new AmazonS3Client("S3RVER", "S3RVER", new AmazonS3Config
        {
            ServiceURL = endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
        });
        await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
    }

    private static int Exec(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    private static void Expect(long actual, long expected, string what)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"{what}: {actual} rows, expected {expected}");
        }
    }
}
