using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>
/// Stores that fail from the first call of a run: an S3 endpoint that refuses connections or does not speak TLS, a PostgreSQL server
/// that refuses them, a folder archive on a read-only file system. Each fails in one line that names the store and the reason (never
/// an exception type or "see inner exception"), exit code 2, nothing deleted; the read-only archive's rerun completes once it is
/// writable again.
/// </summary>
public sealed class StartupFaultTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    private static readonly RemoteLimits Fast = new(TimeSpan.FromSeconds(2), 1, 3);

    [Fact]
    public async Task An_s3_archive_that_refuses_connections_fails_the_dataset_in_one_line_and_deletes_nothing()
    {
        using var dir = new TempDir();
        var original = await SeedAsync();

        var report = await RunAsync(EventsPolicy.For("postgres", s3: M.S3("lab-archive", "http://127.0.0.1:1")), dir, db.ConnectionString);

        AssertOneLine(report, "^store 'offsite': S3 \\w+ of 'testpolicy/events/' in bucket 'lab-archive' failed: could not reach http://127\\.0\\.0\\.1:1 " +
            "\\(Connection refused\\) \\(after 1 retry\\)$");
        Assert.Equal(original, await PostgresEvents.TableRowsAsync(db));
    }

    [Fact]
    public async Task An_https_endpoint_that_does_not_speak_tls_fails_in_one_line_naming_the_handshake_without_retrying()
    {
        using var dir = new TempDir();
        var original = await SeedAsync();
        var bucket = await S3Env.NewBucketAsync();
        var https = S3Env.Url.Replace("http://", "https://", StringComparison.Ordinal);

        var report = await RunAsync(EventsPolicy.For("postgres", s3: M.S3(bucket, https)), dir, db.ConnectionString);

        var error = AssertOneLine(report, $"^store 'offsite': S3 \\w+ of 'testpolicy/events/' in bucket '{bucket}' failed: could not reach " +
            $"{System.Text.RegularExpressions.Regex.Escape(https)} \\(TLS handshake failed: [^()]+\\)$");
        Assert.DoesNotContain("inner exception", error, StringComparison.Ordinal);
        Assert.Equal(original, await PostgresEvents.TableRowsAsync(db));
    }

    [Fact]
    public async Task A_postgres_server_that_refuses_connections_fails_the_run_in_one_line()
    {
        using var dir = new TempDir();

        var report = await RunAsync(PostgresEvents.Policy(M.Retention()), dir, "Host=127.0.0.1;Port=1;Username=u;Database=d;Timeout=2");

        Assert.Equal(2, report.ExitCode);
        Assert.Equal("audit trail: store 'db': cannot reach PostgreSQL at 127.0.0.1:1 (Connection refused) (after 1 retry)", Assert.Single(report.Errors));
        var verify = await Assert.ThrowsAsync<RunException>(() => AuditTrail.VerifyAsync(new TestPolicy(PostgresEvents.Policy(M.Retention())),
            Options(dir, "Host=127.0.0.1;Port=1;Username=u;Database=d;Timeout=2"), null, CancellationToken.None));
        Assert.Equal("store 'db': cannot reach PostgreSQL at 127.0.0.1:1 (Connection refused) (after 1 retry)", verify.Message);
    }

    [TmpfsFact]
    public async Task A_folder_archive_on_a_read_only_file_system_fails_in_one_line_naming_the_path_and_the_rerun_completes_once_writable()
    {
        using var dir = new TempDir();
        var original = await SeedAsync();
        using var disk = new Tmpfs(kilobytes: 1024);
        Assert.Equal(0, Privileged.Exec("mount", "-o", "remount,ro", disk.Path).Exit);
        var policy = PostgresEvents.Policy(M.Retention());
        policy = policy with { Stores = [policy.Stores[0], new StoreModel("archive", "folder", new Dictionary<string, SettingValue> { ["path"] = SettingValue.Of(disk.Path) })] };

        var report = await RunAsync(policy, dir, db.ConnectionString);

        AssertOneLine(report, $"^cannot use '{disk.Path}/testpolicy[^']*': the file system is read-only$");
        Assert.Equal(original, await PostgresEvents.TableRowsAsync(db));

        Assert.Equal(0, Privileged.Exec("mount", "-o", "remount,rw", disk.Path).Exit);
        var rerun = await RunAsync(policy, dir, db.ConnectionString);
        Assert.True(rerun.ExitCode == 0, string.Join("; ", rerun.Retention.Select(r => r.Error)));
        Assert.Equal(original.Skip(12), await PostgresEvents.TableRowsAsync(db));
        var archived = 0L;
        foreach (var file in Directory.EnumerateFiles(disk.Path, "*.parquet", SearchOption.AllDirectories))
        {
            await using var stream = File.OpenRead(file);
            await using var reader = await Parquet.ParquetReader.CreateAsync(stream);
            archived += reader.Metadata!.NumRows;
        }

        Assert.Equal(12, archived);
    }

    private async Task<List<string>> SeedAsync()
    {
        await db.ExecAsync("DROP TABLE IF EXISTS events");
        await PostgresEvents.SeedAsync(db, expired: 12, fresh: 3);
        return await PostgresEvents.TableRowsAsync(db);
    }

    private static RunOptions Options(TempDir dir, string connection) => new()
    {
        BaseDirectory = dir.Path, Now = M.Now, BatchSize = 5, Remote = Fast, Environment = n => n == M.PostgresVariable ? connection : null,
    };

    private static Task<RunReport> RunAsync(PolicyModel policy, TempDir dir, string connection) =>
        PolicyRunner.RunAsync(new TestPolicy(policy), Options(dir, connection), CancellationToken.None);

    /// <summary>The run failed with exit code 2 and one retention error, on one line, matching <paramref name="pattern"/>; returns it.</summary>
    private static string AssertOneLine(RunReport report, string pattern)
    {
        Assert.Equal(2, report.ExitCode);
        var error = Assert.Single(report.Retention).Error!;
        Assert.DoesNotContain('\n', error);
        Assert.Matches(pattern, error);
        Assert.Equal($"retention: {error}", Assert.Single(report.Datasets.Single().Errors));
        return error;
    }
}
