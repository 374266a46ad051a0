using System.Diagnostics;
using System.Globalization;
using Amazon.S3.Model;
using Parquet.Serialization;
using PolicyLang.Runtime.Running;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>
/// No room for the temporary export file: a real full disk where a small tmpfs can be mounted (root), and everywhere a runner
/// process under a file-size limit (<c>ulimit -f</c>, SIGXFSZ ignored): the kernel refuses the export's write past the limit (EFBIG),
/// as a full disk refuses it (ENOSPC). The audit is in PostgreSQL and the archive in S3, so the export is the only file the run writes.
/// The dataset fails in one line naming the folder, nothing is deleted, no temporary file is left, and a rerun with room completes.
/// </summary>
public sealed class FullDiskTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    [Fact]
    public async Task No_room_for_the_export_fails_the_dataset_in_one_line_deletes_nothing_and_the_rerun_completes()
    {
        using var dir = new TempDir();
        var original = await SeedAsync();
        var bucket = await S3Env.NewBucketAsync();
        var temp = Path.Combine(dir.Path, "tmp");

        var (exit, output) = await RunHostAsync(dir, bucket, temp, limitKb: 32);

        Assert.Equal(2, exit);
        var error = Assert.Single(output.Split('\n'), l => l.StartsWith("ERROR ", StringComparison.Ordinal));
        Assert.Equal($"ERROR dataset 'events': a temporary file could not be written in '{temp}' (the file-size limit is reached; POLICYLANG_TEMP names another " +
            "folder); nothing of that batch was deleted", error);
        Assert.Equal(original, await TableAsync());
        Assert.Empty(Directory.EnumerateFiles(temp, "*", SearchOption.AllDirectories));
        Assert.DoesNotContain(await S3Env.ListAsync(bucket), o => o.Key.EndsWith(".manifest.json", StringComparison.Ordinal));

        var (rerun, rerunOutput) = await RunHostAsync(dir, bucket, temp, limitKb: null);
        Assert.True(rerun == 0, rerunOutput);
        Assert.Equal(original.Skip(150), await TableAsync());
        Assert.Equal(original.Take(150), await ArchivedAsync(bucket));
        Assert.Empty(Directory.EnumerateFiles(temp, "*", SearchOption.AllDirectories));
    }

    [TmpfsFact]
    public async Task A_full_disk_under_the_export_fails_the_dataset_in_one_line_deletes_nothing_cleans_up_and_the_rerun_completes()
    {
        using var dir = new TempDir();
        var original = await SeedAsync();
        var bucket = await S3Env.NewBucketAsync();
        // A real file system that fills up: 64 KB hold the run folder and its lock, not one 100-row batch (≈ 100 KB of Parquet).
        using var disk = new Tmpfs(kilobytes: 64);
        var policy = new TestPolicy(EventsPolicy.For("postgres", s3: M.S3(bucket, S3Env.Url)));
        var defaults = M.PostgresOptions(db.ConnectionString, dir.Path, batchSize: 100);
        var options = new RunOptions { BaseDirectory = dir.Path, Now = defaults.Now, BatchSize = 100, Environment = defaults.Environment, TempRoot = disk.Path };

        var report = await PolicyRunner.RunAsync(policy, options, CancellationToken.None);

        Assert.Equal(2, report.ExitCode);
        var retention = Assert.Single(report.Retention);
        Assert.Equal($"dataset 'events': a temporary file could not be written in '{disk.Path}' (no space left on the device; POLICYLANG_TEMP names another " +
            "folder); nothing of that batch was deleted", retention.Error);
        Assert.Equal((0L, 0), (retention.Deleted, retention.Batches));
        Assert.Equal(original, await TableAsync());
        Assert.Empty(Directory.EnumerateFileSystemEntries(disk.Path, "*", SearchOption.AllDirectories));
        Assert.DoesNotContain(await S3Env.ListAsync(bucket), o => o.Key.EndsWith(".manifest.json", StringComparison.Ordinal));

        // Room again, on the same file system: the rerun archives everything expired and leaves nothing behind.
        disk.Resize(kilobytes: 16 * 1024);
        var rerun = await PolicyRunner.RunAsync(policy, options, CancellationToken.None);
        Assert.True(rerun.ExitCode == 0, string.Join("; ", rerun.Retention.Select(r => r.Error)));
        Assert.Equal(original.Skip(150), await TableAsync());
        Assert.Equal(original.Take(150), await ArchivedAsync(bucket));
        Assert.Empty(Directory.EnumerateFileSystemEntries(disk.Path, "*", SearchOption.AllDirectories));
    }

    /// <summary>
    /// 160 rows, 150 of them expired, of 1,280 hex characters that do not compress much: one 100-row batch needs far more than 32 KB.
    /// Returns the table as "id|payload" by id.
    /// </summary>
    private async Task<List<string>> SeedAsync()
    {
        await db.ExecAsync("DROP TABLE IF EXISTS events",
            "CREATE TABLE events (id bigint PRIMARY KEY, payload text, created timestamptz NOT NULL)",
            $"""
            INSERT INTO events SELECT g, (SELECT string_agg(md5(g || '-' || i), '') FROM generate_series(1, 40) i),
                CASE WHEN g <= 150 THEN timestamptz '{M.Now.AddDays(-100):yyyy-MM-dd HH:mm:ss}+00' + g * interval '1 minute'
                     ELSE timestamptz '{M.Now.AddDays(-1):yyyy-MM-dd HH:mm:ss}+00' END
            FROM generate_series(1, 160) g
            """);
        return await TableAsync();
    }

    /// <summary>Runs the fault host (no fault point) against <paramref name="bucket"/>, under a file-size limit of <paramref name="limitKb"/> KB when given.</summary>
    private async Task<(int Exit, string Output)> RunHostAsync(TempDir dir, string bucket, string temp, int? limitKb)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                [M.PostgresVariable] = db.ConnectionString, ["FAULTHOST_BATCH_SIZE"] = "100",
                ["AWS_ACCESS_KEY_ID"] = "S3RVER", ["AWS_SECRET_ACCESS_KEY"] = "S3RVER", ["AWS_EC2_METADATA_DISABLED"] = "true",
                ["POLICYLANG_TEMP"] = temp,
                // The runtime's W^X double mapping sizes a memory file, which the file-size limit would refuse at start-up.
                ["DOTNET_EnableWriteXorExecute"] = "0",
            },
        };
        // An ignored SIGXFSZ stays ignored across exec, so a write past the limit fails with EFBIG instead of killing the process.
        var limit = limitKb is { } kb ? $"trap '' XFSZ; ulimit -f {kb.ToString(CultureInfo.InvariantCulture)}; " : "";
        foreach (var a in new[] { "-c", limit + "exec \"$0\" \"$@\"", dotnet, FaultHost.Dll, "postgres", dir.Path, "none", "0", S3Env.Url, bucket })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private async Task<List<string>> TableAsync() =>
        (await db.QueryAsync("SELECT id, payload FROM events ORDER BY id")).Select(r => $"{r[0]}|{r[1]}").ToList();

    private static async Task<List<string>> ArchivedAsync(string bucket)
    {
        using var client = S3Env.Client();
        var rows = new List<(long Id, string Row)>();
        foreach (var o in (await S3Env.ListAsync(bucket)).Where(o => o.Key.EndsWith(".parquet", StringComparison.Ordinal)))
        {
            using var response = await client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = o.Key });
            using var body = new MemoryStream();
            await response.ResponseStream.CopyToAsync(body);
            body.Position = 0;
            rows.AddRange((await ParquetSerializer.DeserializeAsync<PostgresEvents.ParquetEvent>(body)).Data.Select(e => (e.id!.Value, $"{e.id}|{e.payload}")));
        }

        return rows.OrderBy(r => r.Id).Select(r => r.Row).ToList();
    }
}
