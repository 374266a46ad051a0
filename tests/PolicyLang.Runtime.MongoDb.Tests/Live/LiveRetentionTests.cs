using MongoDB.Bson;
using MongoDB.Driver;
using PolicyLang.Runtime.Model;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests.Live;

/// <summary>Retention on a live server: round trip, dry run, idempotence, TTL apply; plus the seeding the kill test shares.</summary>
public sealed class LiveRetentionTests
{
    /// <summary>Documents 1..<paramref name="expired"/> are older than 30 days before <see cref="M.Now"/>; the next <paramref name="fresh"/> are newer.</summary>
    internal static void Seed(LiveMongo live, int expired, int fresh)
    {
        var documents = Enumerable.Range(1, expired + fresh).Select(i => new BsonDocument
        {
            { "_id", i },
            { "created", (i <= expired ? M.Now.AddDays(-100).AddHours(i) : M.Now.AddDays(-1).AddMinutes(i)).UtcDateTime },
            { "payload", i % 7 == 0 ? BsonNull.Value : $"payload \"{i}\" ';' $where" },
            { "amount", i % 3 == 0 ? new BsonDecimal128(i * 1.25m) : (BsonValue)(i * 1.25) },
            { "tags", new BsonArray { "a", i } },
        });
        live["events"].InsertMany(documents);
    }

    internal static PolicyModel Policy(RetentionModel retention) =>
        M.Policy([M.Dataset("events", "events", [], retention: retention)], tls: LiveMongo.Tls, audit: new AuditModel("archive", "audit", null, true));

    [LiveMongoFact]
    public async Task Expired_documents_are_archived_verified_and_deleted_exactly()
    {
        using var live = new LiveMongo();
        Seed(live, expired: 17, fresh: 8);
        var original = live.Documents("events");

        var report = await live.RunAsync(Policy(M.Retention()));
        var result = Assert.Single(report.Retention);
        Assert.Null(result.Error);
        Assert.Equal((17L, 17L, 4), (result.Archived, result.Deleted, result.Batches));
        Assert.Equal(original.Skip(17), live.Documents("events"));
        Assert.Equal(original.Take(17), live.ArchivedDocuments("events"));

        // Idempotent: a rerun finds nothing to do and writes nothing.
        var again = Assert.Single((await live.RunAsync(Policy(M.Retention()))).Retention);
        Assert.Equal((0L, 0L, 0), (again.Archived, again.Deleted, again.Batches));
        Assert.Equal(original.Take(17), live.ArchivedDocuments("events"));
    }

    [LiveMongoFact]
    public async Task A_dry_run_counts_and_changes_nothing()
    {
        using var live = new LiveMongo();
        Seed(live, expired: 6, fresh: 3);
        var original = live.Documents("events");
        var result = Assert.Single((await live.RunAsync(Policy(M.Retention()), dryRun: true)).Retention);
        Assert.Equal(6, result.WouldProcess);
        Assert.Equal(original, live.Documents("events"));
        Assert.Empty(live.ArchivedDocuments("events"));
    }

    [LiveMongoFact]
    public async Task Anonymize_nulls_the_columns_once()
    {
        using var live = new LiveMongo();
        Seed(live, expired: 6, fresh: 3);
        var retention = M.Retention(archive: null, action: "anonymize", columns: ["payload"]);
        var first = Assert.Single((await live.RunAsync(Policy(retention))).Retention);
        Assert.Equal(6, first.Anonymized); // documents 1..6 are expired and all carry a payload (7 is the first null one)
        var again = Assert.Single((await live.RunAsync(Policy(retention))).Retention);
        Assert.Equal(0, again.Anonymized);
        Assert.Equal(6, live["events"].CountDocuments(new BsonDocument { { "_id", new BsonDocument("$lte", 6) }, { "payload", BsonNull.Value } }));
    }

    [LiveMongoFact]
    public async Task Apply_creates_the_ttl_index_and_drift_disappears()
    {
        using var live = new LiveMongo();
        Seed(live, expired: 1, fresh: 1);
        var dataset = M.Dataset("events", "events", [], retention: M.Retention(archive: null));
        var policy = M.Policy([dataset], tls: LiveMongo.Tls);
        var context = new Stores.StoreContext(policy, new Running.RunOptions { Environment = _ => live.Url });
        await using var store = (MongoDbStore)new MongoDbStoreProvider().Open(policy.Stores[0], context);
        Assert.Equal(MongoDbTtlStatus.Missing, (await store.ApplyTtlAsync(dataset, CancellationToken.None)).Status);
        Assert.Equal(MongoDbTtlStatus.InSync, (await store.InspectTtlAsync(dataset, CancellationToken.None)).Status);
        Assert.Empty(await store.CheckRetentionDriftAsync(dataset, CancellationToken.None));
    }
}
