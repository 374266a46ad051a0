using Parquet.Serialization;
using PolicyLang.Runtime.Running;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>
/// An S3 server that stops answering (SIGSTOP: connections stay open, nothing replies) while a PostgreSQL delete transaction
/// is open: the call times out, the dataset fails with one line, the transaction is rolled back at once (no lock left in
/// pg_locks), nothing unverified is deleted, and once the server answers again a rerun completes.
/// </summary>
public sealed class StalledStoreTests(PgDatabase db) : IClassFixture<PgDatabase>, IDisposable
{
    private static readonly RemoteLimits Short = new(TimeSpan.FromSeconds(1.5), Retries: 1, RetryBudget: 4);
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task A_frozen_s3_server_fails_the_dataset_in_bounded_time_and_leaves_no_lock()
    {
        using var server = new PrivateS3Server();
        await db.ExecAsync(
            "CREATE TABLE events (id bigint PRIMARY KEY, payload text, created timestamptz NOT NULL)",
            $"""
            INSERT INTO events SELECT g, 'row ' || g || E' \'✓',
                CASE WHEN g <= 25 THEN timestamptz '{M.Now.AddDays(-100):yyyy-MM-dd HH:mm:ss}+00' + g * interval '1 minute'
                     ELSE timestamptz '{M.Now.AddDays(-1):yyyy-MM-dd HH:mm:ss}+00' END
            FROM generate_series(1, 30) g
            """);
        var original = await TableAsync();
        var bucket = await S3Env.NewBucketAsync(server.Url);
        var policy = new TestPolicy(EventsPolicy.For("postgres", s3: M.S3(bucket, server.Url, storageClass: "standard", encryption: null)));
        long locksWhileFrozen = -1;
        // Batch 2 is stored (its delete transaction still open); the server freezes before it is read back for verification.
        var frozen = Options(async p =>
        {
            if (p.Name != FaultPoint.AfterArchive || p.Batch != 2)
            {
                return;
            }

            server.Freeze();
            locksWhileFrozen = await LocksOnEventsAsync();
        });

        var started = DateTimeOffset.UtcNow;
        var report = await PolicyRunner.RunAsync(policy, frozen, CancellationToken.None);
        var elapsed = DateTimeOffset.UtcNow - started;

        Assert.True(locksWhileFrozen > 0, "the delete transaction of batch 2 holds its row locks while the server is frozen");
        Assert.Equal(0, await LocksOnEventsAsync());
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"the run took {elapsed}");
        var failed = Assert.Single(report.Retention);
        Assert.Contains($"no answer from {server.Url}", failed.Error);
        Assert.DoesNotContain('\n', failed.Error!);
        Assert.Equal((10, 10), (failed.Archived, failed.Deleted));
        Assert.Equal(2, report.ExitCode);
        Assert.Equal(original.Skip(10), await TableAsync());

        server.Thaw();
        var rerun = Assert.Single((await PolicyRunner.RunAsync(policy, Options(), CancellationToken.None)).Retention);
        Assert.Null(rerun.Error);
        Assert.Equal(original.Skip(25), await TableAsync());
        Assert.Equal(original.Take(25), await ArchivedAsync(bucket, server.Url));
    }

    private RunOptions Options(Func<FaultPoint, ValueTask>? fault = null)
    {
        var options = M.PostgresOptions(db.ConnectionString, dir.Path, batchSize: 10);
        return new RunOptions
        {
            BaseDirectory = options.BaseDirectory, Now = options.Now, BatchSize = options.BatchSize, Environment = options.Environment,
            Remote = Short, FaultInjection = fault,
        };
    }

    private Task<long> LocksOnEventsAsync() => db.ScalarAsync(
        """
        SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
        WHERE c.relname = 'events' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND l.pid <> pg_backend_pid()
        """);

    private async Task<List<string>> TableAsync() =>
        (await db.QueryAsync("SELECT id, payload FROM events ORDER BY id")).Select(r => $"{r[0]}|{r[1]}").ToList();

    private static async Task<List<string>> ArchivedAsync(string bucket, string url)
    {
        using var client = S3Env.Client(url);
        var rows = new List<string>();
        foreach (var o in (await S3Env.ListAsync(bucket, url: url)).Where(o => o.Key.EndsWith(".parquet", StringComparison.Ordinal)))
        {
            using var response = await client.GetObjectAsync(bucket, o.Key);
            using var body = new MemoryStream();
            await response.ResponseStream.CopyToAsync(body);
            body.Position = 0;
            rows.AddRange((await ParquetSerializer.DeserializeAsync<PostgresEvents.ArchivedEvent>(body)).Data.Select(e => $"{e.id}|{e.payload}"));
        }

        return rows.OrderBy(r => long.Parse(r.Split('|')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }
}
