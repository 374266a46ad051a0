using Parquet.Serialization;
using PolicyLang.Runtime.Model;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>
/// A lifecycle in stages on the real PostgreSQL server with the local S3 server as the offsite archive: anonymize after 7 days,
/// archive to S3 then delete after 30, delete the archived copies after 60 ("30 days local, 12 months offsite" in small).
/// </summary>
public sealed class LifecycleChainTests(PgDatabase db) : IClassFixture<PgDatabase>, IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Stages_anonymize_archive_to_s3_and_expire_the_offsite_copies_with_an_audit_record_each()
    {
        const int expired = 12, fresh = 5;
        await db.ExecAsync(
            "CREATE TABLE chain_events (id bigint PRIMARY KEY, payload text, created timestamptz NOT NULL)",
            $"""
            INSERT INTO chain_events
            SELECT g, 'payload ' || g,
                   CASE WHEN g <= {expired} THEN timestamptz '{M.Now.AddDays(-100):yyyy-MM-dd HH:mm:ss}+00' + g * interval '1 hour'
                        ELSE timestamptz '{M.Now.AddDays(-1):yyyy-MM-dd HH:mm:ss}+00' + g * interval '1 minute' END
            FROM generate_series(1, {expired + fresh}) g
            """);
        var bucket = await S3Env.NewBucketAsync();
        var policy = new TestPolicy(Policy(bucket));

        var first = await Runtime.Running.PolicyRunner.RunAsync(policy, M.PostgresOptions(db.ConnectionString, dir.Path, batchSize: 10), CancellationToken.None);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(["7 days anonymize", "30 days archive+delete", "60 days expire offsite"], first.Retention.Select(r => r.StageLabel));
        Assert.Equal((expired, expired, expired), (first.Retention[0].Anonymized, first.Retention[1].Archived, first.Retention[1].Deleted));
        Assert.Equal(0, first.Retention[2].ExpiredBatches);
        var kept = await db.QueryAsync("SELECT id, payload FROM chain_events ORDER BY id");
        Assert.Equal(Enumerable.Range(expired + 1, fresh).Select(i => ((long)i, (string?)$"payload {i}")), kept.Select(r => ((long)r[0]!, (string?)r[1])));
        var firstObjects = await S3Env.ListAsync(bucket);
        var data = firstObjects.Where(o => o.Key.EndsWith(".parquet", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, data.Count);
        // The archive holds the rows as the 7-day stage left them: anonymized.
        foreach (var o in data)
        {
            using var body = new MemoryStream(await S3Env.GetAsync(bucket, o.Key));
            Assert.All((await ParquetSerializer.DeserializeAsync<PostgresEvents.ArchivedEvent>(body)).Data, e => Assert.Null(e.payload));
        }

        var later = await Runtime.Running.PolicyRunner.RunAsync(policy,
            new Runtime.Running.RunOptions
            {
                BaseDirectory = dir.Path, Now = M.Now.AddDays(31), BatchSize = 10,
                Environment = name => name == M.PostgresVariable ? db.ConnectionString : null,
            }, CancellationToken.None);

        Assert.Equal(0, later.ExitCode);
        Assert.Equal((2, (long)expired), (later.Retention[2].ExpiredBatches, later.Retention[2].ExpiredRows));
        var left = await S3Env.ListAsync(bucket);
        Assert.DoesNotContain(left, o => firstObjects.Any(f => f.Key == o.Key));
        Assert.Single(left, o => o.Key.EndsWith(".parquet", StringComparison.Ordinal)); // the 5 rows archived by the second run
        Assert.Empty(await db.QueryAsync("SELECT id FROM chain_events"));
        var expiries = await db.QueryAsync("SELECT count(*), sum((counts::jsonb->>'rows')::bigint) FROM governance.audit_log WHERE action = 'expire' AND dataset = 'events'");
        Assert.Equal((2L, (decimal)expired), ((long)expiries[0][0]!, (decimal)expiries[0][1]!));
    }

    private static PolicyModel Policy(string bucket)
    {
        var s3 = new StoreModel("offsite", "s3", new Dictionary<string, SettingValue>
        {
            ["bucket"] = SettingValue.Of(bucket),
            ["region"] = SettingValue.Of("us-east-1"),
            ["endpoint"] = SettingValue.Of(S3Env.Url),
            ["access-key-id"] = SettingValue.Of("S3RVER"),
            ["secret-access-key"] = SettingValue.Of("S3RVER"),
        });
        var pg = new StoreModel("db", "postgres", new Dictionary<string, SettingValue> { ["connection"] = SettingValue.Env(M.PostgresVariable) });
        RetentionModel[] stages =
        [
            new(new Duration(7, DurationUnit.Day), "created", null, null, "anonymize", ["payload"], M.Src),
            new(new Duration(30, DurationUnit.Day), "created", "offsite", "parquet", "delete", [], M.Src),
            new(new Duration(60, DurationUnit.Day), "created", null, null, "delete", [], M.Src) { CopiesIn = "offsite" },
        ];
        return new PolicyModel("testpolicy", "Test policy", [pg, s3], [M.Dataset("events", "chain_events", "id", [], stages[0]) with { Lifecycle = stages }],
            new AuditModel("db", "governance.audit_log", null, true), []);
    }
}
