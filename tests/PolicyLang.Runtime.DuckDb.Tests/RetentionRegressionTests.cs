using System.Text.Json;
using PolicyLang.Runtime.DuckDb;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores.Folder;
using Xunit;

namespace PolicyLang.Runtime.DuckDb.Tests;

/// <summary>Cases RetentionPropertyTests found, kept as plain examples.</summary>
public sealed class RetentionRegressionTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private async Task<RetentionResult> RunAsync(RetentionModel retention, bool dryRun = false, Func<FaultPoint, ValueTask>? fault = null)
    {
        var policy = M.DuckDbPolicy([M.Dataset("events", "events", "id", [], retention)]);
        await using var store = new DuckDbStore(policy.Stores[0], dir.Db);
        await using var archive = new FolderStore(policy.Stores[1], dir.Archive);
        var options = new RunOptions { BaseDirectory = dir.Path, Now = M.Now, BatchSize = 2, DryRun = dryRun, FaultInjection = fault };
        var protocol = new RetentionProtocol("testpolicy", policy.Datasets[0], store, retention.ArchiveStore is null ? null : archive, options, (_, _) => Task.CompletedTask);
        try
        {
            return await protocol.RunAsync(M.Now, CancellationToken.None);
        }
        catch (IOException)
        {
            return protocol.Partial;
        }
    }

    [Fact]
    public async Task A_date_column_expires_the_cutoffs_own_day_when_the_cutoff_is_later_that_day()
    {
        // The cutoff is 2026-05-02 12:00: a row of 2026-05-02 (midnight) is past it. The untyped cutoff took the DATE column's
        // type and became 2026-05-02, so that row was kept a day too long.
        dir.Exec("CREATE TABLE events (id BIGINT, created DATE)", "INSERT INTO events VALUES (1, '2026-05-01'), (2, '2026-05-02'), (3, '2026-05-03'), (4, NULL)");
        var retention = M.Retention(archive: null);
        Assert.Equal(2, (await RunAsync(retention, dryRun: true)).WouldProcess);
        Assert.Equal(2, (await RunAsync(retention)).Deleted);
        Assert.Equal([3L, 4L], dir.Query("SELECT id FROM events ORDER BY id").Select(r => (long)r[0]!));
    }

    [Theory]
    [InlineData("parquet")]
    [InlineData("jsonl")]
    public async Task Archives_hold_long_decimals_json_text_non_finite_doubles_intervals_and_hugeints_exactly(string format)
    {
        string[] columns = ["d", "j", "x", "i", "h"];
        dir.Exec("CREATE TABLE events (id BIGINT, d DECIMAL(38,18), j JSON, x DOUBLE, i INTERVAL, h HUGEINT, created TIMESTAMP)",
            "INSERT INTO events VALUES " +
            "(1, 99999999999999999999.999999999999999999, '{\"n\": 1.5e10}', 'NaN', '-00:00:00.000001', 170141183460469231731687303715884105727, '2026-01-01'), " +
            "(2, -0.000000000000000001, '[1,2]', 'Infinity', '1 year 00:00:00.000001', -170141183460469231731687303715884105728, '2026-01-01'), " +
            "(3, NULL, NULL, '-Infinity', NULL, NULL, '2026-01-01')");
        var casts = string.Join(", ", columns.Select(c => $"CAST({c} AS VARCHAR)"));
        var original = dir.Query($"SELECT {casts} FROM events ORDER BY id");

        Assert.Equal(3, (await RunAsync(M.Retention(format: format))).Deleted);

        var files = Directory.GetFiles(dir.Archive, "*." + format, SearchOption.AllDirectories).Select(f => $"'{f}'");
        var read = format == "parquet"
            ? $"read_parquet([{string.Join(", ", files)}])"
            : $"read_json([{string.Join(", ", files)}], format = 'newline_delimited', columns = {{id: 'BIGINT', d: 'VARCHAR', j: 'VARCHAR', x: 'DOUBLE', i: 'VARCHAR', h: 'VARCHAR'}})";
        Assert.Equal(original, dir.Query($"SELECT {casts} FROM {read} ORDER BY id"));
        if (format == "jsonl")
        {
            foreach (var line in Directory.GetFiles(dir.Archive, "*.jsonl", SearchOption.AllDirectories).SelectMany(File.ReadAllLines))
            {
                JsonDocument.Parse(line).Dispose(); // strict JSON: no bare NaN or Infinity
            }
        }
    }

    [Fact]
    public async Task A_recovered_anonymize_batch_is_not_anonymized_or_counted_again()
    {
        // The crash comes after batch 1's update committed; the rerun finishes the batch from its manifest and must find
        // nothing left to anonymize in it.
        DuckDbEvents.Seed(dir, expired: 5, fresh: 2);
        var retention = M.Retention(action: "anonymize", columns: ["payload"]);
        var crashed = await RunAsync(retention, fault: p => p is { Name: FaultPoint.AfterDelete, Batch: 1 } ? throw new IOException("crash") : ValueTask.CompletedTask);
        Assert.Equal(2, crashed.Anonymized);
        var rerun = await RunAsync(retention);
        Assert.Equal((1, 3), (rerun.Recovered, rerun.Anonymized));
        Assert.Equal(0, dir.Scalar("SELECT count(*) FROM events WHERE id <= 5 AND payload IS NOT NULL"));
    }
}
