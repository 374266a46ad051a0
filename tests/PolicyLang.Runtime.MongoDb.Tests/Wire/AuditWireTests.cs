using MongoDB.Bson;
using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;
using Xunit;
using static PolicyLang.Runtime.MongoDb.Tests.Wire.WireSupport;

namespace PolicyLang.Runtime.MongoDb.Tests.Wire;

/// <summary>The audit trail in a MongoDB collection: what is inserted, with which write concern, and that it chains.</summary>
public sealed class AuditWireTests
{
    [Fact]
    public async Task Each_action_is_one_majority_journaled_insert_that_chains()
    {
        var replies = Replies(
            ("find", [Batch()]),
            ("aggregate", [Batch(new BsonDocument { { "_id", BsonNull.Value }, { "total", 2 }, { "r0", 0 } })]),
            ("insert", [BsonDocument.Parse("{ ok: 1, n: 1 }")]));
        using var mock = new MockMongo(replies);
        using var dir = new TempDir();
        var dataset = M.Collection("frames", "frames", [M.Rule("frame_id_not_null", RuleKind.NotNull, "frame_id")]);
        var report = await RunAsync(mock, M.MongoDbPolicy([dataset], audit: new AuditModel("telemetry", "audit_log", null, true)), dir.Path);

        Assert.Empty(report.Errors);
        var audit = mock.On("audit_log");
        // The chain's head is read once (bounded to this policy), then one insert per action.
        Assert.Equal(["find", "insert"], audit.Select(c => c.Name));
        Assert.Equal(new BsonDocument("policy", "testpolicy"), audit[0].Doc["filter"]);
        var insert = audit[1].Doc;
        Assert.Equal(BsonDocument.Parse("{ w: 'majority', j: true }"), insert["writeConcern"]);
        var record = Assert.Single(insert["documents"].AsBsonArray).AsBsonDocument;
        Assert.Equal(("check", "frames", 1L), (record["action"].AsString, record["dataset"].AsString, record["sequence"].ToInt64()));
        Assert.Equal(2, record["counts"]["rows"].ToInt64());
        var stored = new AuditRecord(1, AuditChain.ParseTimestamp(record["timestamp"].AsString), "testpolicy", "check", "frames",
            record["details"].AsString, record["counts"].AsBsonDocument.ToDictionary(e => e.Name, e => e.Value.ToInt64()), "", null);
        Assert.Equal(AuditChain.ComputeHash(stored), record["hash"].AsString);
        Assert.Equal(report.AuditHead, record["hash"].AsString);
    }
}
