using MongoDB.Bson;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;
using Xunit;
using static PolicyLang.Runtime.MongoDb.Tests.Wire.WireSupport;

namespace PolicyLang.Runtime.MongoDb.Tests.Wire;

/// <summary><c>--apply</c>: the commands that create or update the TTL index, as sent.</summary>
public sealed class TtlWireTests
{
    private static readonly BsonDocument IdIndex = new() { { "v", 2 }, { "key", new BsonDocument("_id", 1) }, { "name", "_id_" } };

    private static async Task<MongoDbTtlDrift> ApplyAsync(MockMongo mock)
    {
        var dataset = LabModel.ObservationLogs();
        var policy = M.MongoDbPolicy([dataset]);
        var context = new StoreContext(policy, new RunOptions { Environment = _ => mock.Url });
        await using var store = (MongoDbStore)new MongoDbStoreProvider().Open(policy.Stores[0], context);
        return await store.ApplyTtlAsync(dataset, CancellationToken.None);
    }

    [Fact]
    public async Task Apply_creates_the_missing_ttl_index()
    {
        using var mock = new MockMongo(Replies(("listIndexes", [Batch(IdIndex)])));
        var drift = await ApplyAsync(mock);
        Assert.Equal(MongoDbTtlStatus.Missing, drift.Status);
        var create = Assert.Single(mock.Commands(), c => c.Name == "createIndexes").Doc;
        Assert.Equal("obs_logs", create["createIndexes"].AsString);
        Assert.Equal(BsonDocument.Parse("{ key: { observed_at: 1 }, name: 'policylang_ttl_observed_at', expireAfterSeconds: 7776000 }"), create["indexes"][0]);
        Assert.Equal("labdb", create["$db"].AsString);
    }

    [Fact]
    public async Task Apply_changes_a_different_window_in_place_and_leaves_a_matching_one_alone()
    {
        var stale = new BsonDocument { { "v", 2 }, { "key", new BsonDocument("observed_at", 1) }, { "name", "observed_at_1" }, { "expireAfterSeconds", 3600 } };
        using (var mock = new MockMongo(Replies(("listIndexes", [Batch(IdIndex, stale)]))))
        {
            Assert.Equal(MongoDbTtlStatus.Different, (await ApplyAsync(mock)).Status);
            var collMod = Assert.Single(mock.Commands(), c => c.Name == "collMod").Doc;
            Assert.Equal(BsonDocument.Parse("{ keyPattern: { observed_at: 1 }, expireAfterSeconds: 7776000 }"), collMod["index"]);
        }

        var current = stale.DeepClone().AsBsonDocument.Set("expireAfterSeconds", 7_776_000);
        using (var mock = new MockMongo(Replies(("listIndexes", [Batch(IdIndex, current)]))))
        {
            Assert.Equal(MongoDbTtlStatus.InSync, (await ApplyAsync(mock)).Status);
            Assert.Equal(["listIndexes"], mock.Commands().Select(c => c.Name));
        }
    }

    [Fact]
    public async Task Run_with_apply_creates_the_missing_ttl_index_reports_it_and_a_dry_run_only_plans_it()
    {
        using var dir = new TempDir();
        var policy = M.MongoDbPolicy([LabModel.ObservationLogs()]);
        using (var mock = new MockMongo(Replies(("listIndexes", [Batch(IdIndex)]))))
        {
            var report = await RunAsync(mock, policy, dir.Path, checks: false, retention: false, apply: true);
            var outcome = Assert.Single(report.NativeRetention);
            Assert.Equal((AccessStatus.Applied, "missing", "observation_logs"), (outcome.Status, outcome.Finding, outcome.Dataset));
            Assert.Contains("createIndexes", outcome.Command);
            Assert.Single(mock.Commands(), c => c.Name == "createIndexes");
            var summary = new StringWriter();
            SummaryWriter.Write(report, summary);
            Assert.Contains("retention index observation_logs: applied (missing): TTL index on 'observed_at' expiring after 7776000 s", summary.ToString());
        }

        using (var mock = new MockMongo(Replies(("listIndexes", [Batch(IdIndex)]))))
        {
            var report = await RunAsync(mock, policy, dir.Path, checks: false, retention: false, apply: true, dryRun: true);
            Assert.Equal(AccessStatus.Planned, Assert.Single(report.NativeRetention).Status);
            Assert.DoesNotContain(mock.Commands(), c => c.Name is "createIndexes" or "collMod");
        }
    }

    [Fact]
    public async Task Apply_never_touches_a_ttl_index_that_bypasses_the_archive_and_says_so()
    {
        using var dir = new TempDir();
        var events = M.Collection("events", "events", [], retention: M.Retention(archive: "archive"));
        var ttl = new BsonDocument { { "v", 2 }, { "key", new BsonDocument("created", 1) }, { "name", "created_1" }, { "expireAfterSeconds", 60 } };
        using var mock = new MockMongo(Replies(("listIndexes", [Batch(IdIndex, ttl)])));
        var report = await RunAsync(mock, M.MongoDbPolicy([events]), dir.Path, checks: false, retention: false, apply: true);
        var outcome = Assert.Single(report.NativeRetention);
        Assert.Equal((AccessStatus.NotApplied, "unexpected"), (outcome.Status, outcome.Finding));
        Assert.Contains("without archiving", outcome.Note);
        Assert.Null(outcome.Command);
        Assert.Equal(["listIndexes"], mock.Commands().Select(c => c.Name));
    }

    [Fact]
    public async Task Without_apply_the_ttl_index_is_left_alone()
    {
        using var dir = new TempDir();
        using var mock = new MockMongo(Replies(("listIndexes", [Batch(IdIndex)])));
        var report = await RunAsync(mock, M.MongoDbPolicy([LabModel.ObservationLogs()]), dir.Path, checks: false, retention: false);
        Assert.Empty(report.NativeRetention);
        Assert.DoesNotContain(mock.Commands(), c => c.Name is "createIndexes" or "collMod");
    }
}
