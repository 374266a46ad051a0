using MongoDB.Bson;
using MongoDB.Driver;
using PolicyLang.Runtime.Model;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests.Live;

/// <summary>Retention on a live server: round trip, dry run, idempotence, TTL apply; plus the seeding the kill test shares.</summary>
public sealed class LiveRetentionTests
{
    private static PolicyModel Policy(RetentionModel retention) => EventsPolicy.For("mongodb", retention, mongoTls: LiveMongo.Tls);

    [LiveMongoFact]
    public async Task Expired_documents_are_archived_verified_and_deleted_exactly()
    {
        using var live = new LiveMongo();
        await MongoDbRetentionEngine.Seed(live, expired: 17, fresh: 8);
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
        await MongoDbRetentionEngine.Seed(live, expired: 6, fresh: 3);
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
        await MongoDbRetentionEngine.Seed(live, expired: 6, fresh: 3);
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
        await MongoDbRetentionEngine.Seed(live, expired: 1, fresh: 1);
        var dataset = M.Collection("events", "events", [], retention: M.Retention(archive: null));
        var policy = M.MongoDbPolicy([dataset], tls: LiveMongo.Tls);
        var context = new Stores.StoreContext(policy, new Running.RunOptions { Environment = _ => live.Url });
        await using var store = (MongoDbStore)new MongoDbStoreProvider().Open(policy.Stores[0], context);
        Assert.Equal(MongoDbTtlStatus.Missing, (await store.ApplyTtlAsync(dataset, CancellationToken.None)).Status);
        Assert.Equal(MongoDbTtlStatus.InSync, (await store.InspectTtlAsync(dataset, CancellationToken.None)).Status);
        Assert.Empty(await store.CheckRetentionDriftAsync(dataset, CancellationToken.None));
    }
}
