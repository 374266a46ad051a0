using MongoDB.Bson;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;

namespace PolicyLang.Runtime.MongoDb.Tests.Wire;

/// <summary>Runs a policy against a <see cref="MockMongo"/> and builds scripted replies.</summary>
internal static class WireSupport
{
    public static Task<RunReport> RunAsync(MockMongo mock, PolicyModel policy, string baseDirectory, int batchSize = 10_000, bool checks = true,
        bool retention = true, string? url = null, bool apply = false, bool dryRun = false) =>
        PolicyRunner.RunAsync(new TestPolicy(policy), new RunOptions
        {
            BaseDirectory = baseDirectory,
            Now = M.Now,
            BatchSize = batchSize,
            Checks = checks,
            Retention = retention,
            ApplyAccess = apply,
            DryRun = dryRun,
            Environment = name => name == "LAB_MONGO_URL" ? url ?? mock.Url : null,
        }, CancellationToken.None);

    /// <summary>A cursor reply carrying <paramref name="documents"/> (see mock_mongo.py).</summary>
    public static BsonDocument Batch(params BsonDocument[] documents) => new("$batch", new BsonArray(documents));

    public static BsonDocument Replies(params (string Command, BsonDocument[] Replies)[] entries)
    {
        var replies = new BsonDocument();
        foreach (var (command, list) in entries)
        {
            replies[command] = new BsonArray(list);
        }

        return replies;
    }

    /// <summary>Deterministic ObjectIds so assertions can name them.</summary>
    public static ObjectId Id(int i) => ObjectId.Parse($"665a1f77bcf86cd7994390{i:x2}");
}
