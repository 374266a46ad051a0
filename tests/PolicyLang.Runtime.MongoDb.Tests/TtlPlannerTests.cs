using MongoDB.Bson;
using PolicyLang.Runtime.Model;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests;

/// <summary>Declared retention versus TTL indexes, from <c>listIndexes</c>-shaped documents.</summary>
public sealed class TtlPlannerTests
{
    private static BsonDocument Index(string field, long seconds) =>
        new() { { "v", 2 }, { "key", new BsonDocument(field, 1) }, { "name", field + "_1" }, { "expireAfterSeconds", (int)seconds } };

    private static readonly BsonDocument IdIndex = new() { { "v", 2 }, { "key", new BsonDocument("_id", 1) }, { "name", "_id_" } };

    [Fact]
    public void Observation_logs_plans_a_90_day_ttl_on_observed_at()
    {
        var plan = MongoDbNativeRetentionPlanner.Plan(M.ObservationLogs(), out var reason)!;
        Assert.Null(reason);
        Assert.Equal(("obs_logs", "observed_at", 7_776_000L, "policylang_ttl_observed_at"), (plan.Collection, plan.Field, plan.ExpireAfterSeconds, plan.Name));
    }

    [Fact]
    public void Drift_is_missing_different_or_in_sync()
    {
        var dataset = M.ObservationLogs();
        var missing = MongoDbNativeRetentionPlanner.Compare(dataset, [IdIndex]);
        Assert.Equal(MongoDbTtlStatus.Missing, missing.Status);
        Assert.Equal("createIndexes", missing.Command!.GetElement(0).Name);
        var different = MongoDbNativeRetentionPlanner.Compare(dataset, [IdIndex, Index("observed_at", 86_400)]);
        Assert.Equal(MongoDbTtlStatus.Different, different.Status);
        Assert.Equal("collMod", different.Command!.GetElement(0).Name);
        Assert.Contains("86400 s", different.Actual);
        var inSync = MongoDbNativeRetentionPlanner.Compare(dataset, [IdIndex, Index("observed_at", 7_776_000)]);
        Assert.Equal(MongoDbTtlStatus.InSync, inSync.Status);
        Assert.Null(inSync.Command);
    }

    [Fact]
    public void A_ttl_index_on_an_archived_collection_bypasses_the_archive()
    {
        var archived = M.Dataset("events", "events", [], retention: M.Retention(archive: "archive"));
        Assert.Null(MongoDbNativeRetentionPlanner.Plan(archived, out var reason));
        Assert.Contains("archive", reason);
        var drift = MongoDbNativeRetentionPlanner.Compare(archived, [Index("created", 100)]);
        Assert.Equal(MongoDbTtlStatus.Unexpected, drift.Status);
        Assert.Equal(MongoDbTtlStatus.NotApplicable, MongoDbNativeRetentionPlanner.Compare(archived, [IdIndex]).Status);
    }

    [Fact]
    public void Calendar_windows_cannot_be_a_ttl()
    {
        var yearly = M.Dataset("events", "events", [], retention: new RetentionModel(new Duration(5, DurationUnit.Year), "created", null, null, "delete", [], M.Src));
        Assert.Null(MongoDbNativeRetentionPlanner.Plan(yearly, out var reason));
        Assert.Contains("no fixed length", reason);
    }
}
