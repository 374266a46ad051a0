// Archive throughput (rows/s, MB/s) and the runner's peak memory archiving N expired DuckDB rows into S3 as Parquet.
// Usage: PolicyLang.Benchmarks.S3 [rows=1000000] [batch sizes=10000,100000]
// Endpoint: POLICYLANG_TEST_S3_URL, else a private s3rver started from .build/services/s3 (run scripts/test.sh once to install it).
using System.Diagnostics;
using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using DuckDB.NET.Data;
using PolicyLang.Benchmarks.S3;
using PolicyLang.Runtime.Running;

var rows = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var batches = (args.Length > 1 ? args[1] : "10000,100000").Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToList();
Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? "S3RVER");
Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? "S3RVER");

using var server = LocalServer.FromEnvironmentOrStart();
var results = new List<string[]>();
foreach (var batch in batches)
{
    var dir = Path.Combine(Path.GetTempPath(), "pl-bench-s3-" + Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(dir);
    try
    {
        Seed(Path.Combine(dir, "data.duckdb"), rows);
        var bucket = "bench-" + Guid.NewGuid().ToString("N")[..16];
        using var client = Bench.Client(server.Url);
        await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });

        GC.Collect();
        Memory.ResetPeak();
        using var sampler = new Memory.ManagedPeakSampler();
        var times = new ArchiveTimes();
        var clock = Stopwatch.StartNew();
        var report = await PolicyRunner.RunAsync(new BenchPolicy(bucket, server.Url, times),
            new RunOptions { BaseDirectory = dir, Now = BenchPolicy.Now, BatchSize = batch, Checks = false }, CancellationToken.None);
        clock.Stop();
        var retention = report.Retention.Single();
        if (retention.Error is not null || retention.Deleted != rows)
        {
            throw new InvalidOperationException($"run failed: deleted {retention.Deleted} of {rows}: {retention.Error}");
        }

        var bytes = await Bench.ArchivedBytesAsync(client, bucket);
        var seconds = clock.Elapsed.TotalSeconds;
        results.Add([
            rows.ToString("N0", CultureInfo.InvariantCulture), batch.ToString("N0", CultureInfo.InvariantCulture),
            retention.Batches.ToString(CultureInfo.InvariantCulture), seconds.ToString("F1", CultureInfo.InvariantCulture),
            (rows / seconds).ToString("N0", CultureInfo.InvariantCulture), (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture),
            (bytes / 1048576.0 / seconds).ToString("F2", CultureInfo.InvariantCulture),
            (Memory.PeakRssBytes() / 1048576.0).ToString("F0", CultureInfo.InvariantCulture),
            (sampler.Peak / 1048576.0).ToString("F0", CultureInfo.InvariantCulture),
            times.Put.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
            times.Verify.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
            times.Other.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
        ]);
    }
    finally
    {
        Directory.Delete(dir, recursive: true);
    }
}

Bench.PrintTable(["rows", "batch", "batches", "seconds", "rows/s", "archived MB", "MB/s", "peak RSS MB", "peak managed MB", "S3 put s", "S3 verify s", "S3 manifests s"], results);
Console.WriteLine($"endpoint {server.Url}; verification: read-back (the local server reports no checksum); storage class GLACIER, SSE aes256");
Console.WriteLine("S3 columns: time inside the s3 store (upload; HEAD + read-back; manifest find/write/complete); the rest is the source store's select, export and delete.");
return 0;

static void Seed(string db, long rows)
{
    using var connection = new DuckDBConnection($"Data Source={db}");
    connection.Open();
    using var command = connection.CreateCommand();
    // ≈ 80 bytes of text per row, half of it incompressible: a realistic event row.
    command.CommandText = $"""
        CREATE TABLE events AS SELECT i::BIGINT AS id, 'event ' || i || ' ' || md5(i::VARCHAR) AS payload, i * 1.25 AS amount,
          TIMESTAMP '2025-01-01' + i * INTERVAL 1 SECOND AS created FROM range(1, {rows} + 1) t(i)
        """;
    command.ExecuteNonQuery();
}
