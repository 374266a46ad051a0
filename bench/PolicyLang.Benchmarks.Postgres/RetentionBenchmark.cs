using System.Diagnostics;
using Npgsql;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Running;
using static PolicyLang.Benchmarks.Postgres.Harness;

namespace PolicyLang.Benchmarks.Postgres;

/// <summary>
/// Retention of expired rows through the full protocol (select → Parquet → folder archive → verify → delete → audit in
/// PostgreSQL) versus <c>COPY (SELECT ...) TO STDOUT</c> into a file plus one <c>DELETE</c> of the same rows, with the
/// runner's peak memory at two sizes to show it does not grow with the row count.
/// </summary>
internal static class RetentionBenchmark
{
    private const string Cutoff = "2026-05-02 12:00:00"; // Now − 30 days

    /// <summary>Rows per retention batch (RunOptions.BatchSize); each batch costs three fsyncs and three audit records.</summary>
    public static int BatchSize { get; set; } = RunOptions.DefaultBatchSize;

    public static async Task RunAsync(string connection, long rows)
    {
        var small = Math.Max(1, rows / 4);
        Console.WriteLine($"Seeding events tables ({small:#,0} and {rows:#,0} expired rows, plus 10% fresh)...");
        // Interleaved: timestamps cycle ten times through the table, so a batch's rows are spread over ten regions.
        // Time-ordered: rows were appended as time went on, as in most tables with a retention policy (the expired rows
        // spread over 120 days, so all of them are before the cutoff whatever their number).
        const string interleaved = "timestamp '2026-01-01' + (g % 100000) * interval '1 minute'";
        var ordered = $"timestamp '2026-01-01' + g * (interval '120 days' / {rows})";
        // Wide rows: a 4 KB payload per row (8 KB as .NET strings), so one 10,000-row chunk holds ≈80 MB of values.
        var wide = Math.Max(1, rows / 50);
        const string payload = "CASE WHEN g % 7 = 0 THEN NULL ELSE 'payload ' || md5(g::text) END";
        const string widePayload = "repeat(md5(g::text), 128)";
        foreach (var (table, n, created, text) in new[]
        {
            ("events_small", small, interleaved, payload), ("events", rows, interleaved, payload), ("events_copy", rows, interleaved, payload),
            ("events_ordered", rows, ordered, payload), ("events_ordered_copy", rows, ordered, payload), ("events_wide", wide, interleaved, widePayload),
        })
        {
            await ExecAsync(connection, $"CREATE TABLE {table} (id bigint PRIMARY KEY, payload text, amount double precision, created timestamp)");
            await ExecAsync(connection, $"""
                INSERT INTO {table}
                SELECT g, {text}, g * 1.25, CASE WHEN g <= {n} THEN {created} ELSE timestamp '2026-05-31' END
                FROM generate_series(1, {n + n / 10}) AS g
                """);
            // Retention selects oldest-first by its time column: the index a real table with a retention policy would have.
            await ExecAsync(connection, $"CREATE INDEX ON {table} (created, id)");
            await ExecAsync(connection, $"VACUUM ANALYZE {table}");
        }

        var (smallSeconds, smallPeak, smallHeap) = await ProtocolAsync(connection, "events_small", small);
        var (seconds, peak, heap) = await ProtocolAsync(connection, "events", rows);
        var baseline = await CopyDeleteAsync(connection, "events_copy", rows);
        var (orderedSeconds, _, _) = await ProtocolAsync(connection, "events_ordered", rows);
        var orderedBaseline = await CopyDeleteAsync(connection, "events_ordered_copy", rows);
        var (wideSeconds, widePeak, wideHeap) = await ProtocolAsync(connection, "events_wide", wide);

        Console.WriteLine();
        Console.WriteLine($"Retention: {rows:#,0} expired rows, batches of {BatchSize:#,0}, Parquet to a folder archive, audit in PostgreSQL");
        Console.WriteLine("| variant                                      | time (s) | rows/s   | peak working set | peak live heap    |");
        Console.WriteLine("|----------------------------------------------|---------:|---------:|-----------------:|------------------:|");
        Console.WriteLine($"| PolicyLang retention protocol, {small,9:#,0} rows | {F(smallSeconds, "0.0"),8} | {Rate(small, smallSeconds),8} | {smallPeak / 1048576,13} MB | {smallHeap / 1048576,14} MB |");
        Console.WriteLine($"| PolicyLang retention protocol, {rows,9:#,0} rows | {F(seconds, "0.0"),8} | {Rate(rows, seconds),8} | {peak / 1048576,13} MB | {heap / 1048576,14} MB |");
        Console.WriteLine($"| COPY (SELECT ...) TO STDOUT + DELETE         | {F(baseline, "0.0"),8} | {Rate(rows, baseline),8} |                  |                   |");
        Console.WriteLine($"| time-ordered table: PolicyLang protocol     | {F(orderedSeconds, "0.0"),8} | {Rate(rows, orderedSeconds),8} |                  |                   |");
        Console.WriteLine($"| time-ordered table: COPY + DELETE            | {F(orderedBaseline, "0.0"),8} | {Rate(rows, orderedBaseline),8} |                  |                   |");
        Console.WriteLine($"| wide rows (4 KB payload), {wide,9:#,0} rows      | {F(wideSeconds, "0.0"),8} | {Rate(wide, wideSeconds),8} | {widePeak / 1048576,13} MB | {wideHeap / 1048576,14} MB |");
        Console.WriteLine();
        Console.WriteLine($"protocol / baseline speed = {F(baseline / seconds, "0.00")}   (goal ≥ 0.5)");
        Console.WriteLine($"time-ordered table: protocol / baseline speed = {F(orderedBaseline / orderedSeconds, "0.00")}");
    }

    private static async Task<(double Seconds, long PeakWorkingSet, long PeakHeap)> ProtocolAsync(string connection, string table, long expected)
    {
        var dir = Path.Combine(Path.GetTempPath(), "pl-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var dataset = new DatasetModel("events", "db", LocationKind.Table, table, "id", "internal", [], [],
                new RetentionModel(new Duration(30, DurationUnit.Day), "created", "archive", "parquet", "delete", [], Src), [], [], Src);
            var policy = Policy([dataset], new AuditModel("db", "governance.audit_log", null, true));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var sampler = new PeakSampler();
            var watch = Stopwatch.StartNew();
            var options = Options(connection, dir);
            var report = await PolicyRunner.RunAsync(new BenchPolicy(policy), new RunOptions
            {
                BaseDirectory = options.BaseDirectory, Now = options.Now, Environment = options.Environment, Checks = false, BatchSize = BatchSize,
            }, CancellationToken.None);
            var seconds = watch.Elapsed.TotalSeconds;
            var result = report.Retention.Single();
            if (result.Error is not null || result.Deleted != expected)
            {
                throw new InvalidOperationException($"retention of {table}: deleted {result.Deleted} of {expected}; {result.Error}");
            }

            Console.WriteLine($"  {table}: {expected:#,0} rows in {seconds:0.0} s; time by step:");
            StepTimings.Print();
            return (seconds, sampler.PeakWorkingSet, sampler.PeakHeap);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<double> CopyDeleteAsync(string connection, string table, long expected)
    {
        var file = Path.Combine(Path.GetTempPath(), "pl-bench-copy-" + Guid.NewGuid().ToString("N") + ".tsv");
        try
        {
            await using var c = new NpgsqlConnection(connection);
            await c.OpenAsync();
            var watch = Stopwatch.StartNew();
            await using (var tx = await c.BeginTransactionAsync())
            {
                await using (var output = File.Create(file))
                using (var reader = await c.BeginTextExportAsync($"COPY (SELECT * FROM {table} WHERE created < '{Cutoff}' ORDER BY id) TO STDOUT"))
                {
                    var buffer = new char[1 << 16];
                    await using var writer = new StreamWriter(output);
                    int read;
                    while ((read = await reader.ReadAsync(buffer)) > 0)
                    {
                        await writer.WriteAsync(buffer.AsMemory(0, read));
                    }

                    await writer.FlushAsync();
                    output.Flush(flushToDisk: true);
                }

                await using var delete = new NpgsqlCommand($"DELETE FROM {table} WHERE created < '{Cutoff}'", c, tx);
                var deleted = await delete.ExecuteNonQueryAsync();
                if (deleted != expected)
                {
                    throw new InvalidOperationException($"baseline deleted {deleted} of {expected}");
                }

                await tx.CommitAsync();
            }

            return watch.Elapsed.TotalSeconds;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Samples the process's working set every 20 ms and, every 10th sample, the live managed heap after a full collection
    /// (without forcing, the heap figure mostly measures how lazily the GC collects, not what the runner keeps).
    /// </summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public PeakSampler() => _loop = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            for (var i = 0; !_stop.IsCancellationRequested; i++)
            {
                process.Refresh();
                PeakWorkingSet = Math.Max(PeakWorkingSet, process.WorkingSet64);
                if (i % 10 == 0)
                {
                    PeakHeap = Math.Max(PeakHeap, GC.GetTotalMemory(forceFullCollection: true));
                }

                try { await Task.Delay(20, _stop.Token); } catch (OperationCanceledException) { break; }
            }
        });

        public long PeakWorkingSet { get; private set; }
        public long PeakHeap { get; private set; }

        public void Dispose()
        {
            _stop.Cancel();
            _loop.Wait();
            _stop.Dispose();
        }
    }
}
