using MongoDB.Bson;
using PolicyLang.Runtime.Retention;
using Xunit;
using static PolicyLang.Runtime.MongoDb.Tests.Wire.WireSupport;

namespace PolicyLang.Runtime.MongoDb.Tests.Wire;

/// <summary>The exact commands a retention run sends: bounded key selection, archive fetch by key, deletes by <c>_id</c> in batches.</summary>
public sealed class RetentionWireTests
{
    private static readonly BsonDateTime Cutoff = new(M.Now.AddDays(-30).UtcDateTime);

    private static BsonDocument Event(int i) => new()
    {
        { "_id", Id(i) }, { "created", M.Now.AddDays(-100).AddHours(i).UtcDateTime }, { "amount", i * 1.25 }, { "n", (long)i },
        { "payload", i % 2 == 0 ? BsonNull.Value : $"payload \"{i}\" $where" },
    };

    private static BsonDocument KeysOf(params int[] ids) => Batch(ids.Select(i => new BsonDocument("_id", Id(i))).ToArray());

    private static void AssertSelection(BsonDocument find)
    {
        Assert.Equal(new BsonDocument("created", new BsonDocument("$lt", Cutoff)), find["filter"]);
        Assert.Equal(new BsonDocument { { "created", 1 }, { "_id", 1 } }, find["sort"]);
        Assert.Equal(new BsonDocument("_id", 1), find["projection"]);
        Assert.Equal(3, find["limit"].ToInt32());
    }

    [Fact]
    public async Task Delete_only_retention_selects_bounded_batches_and_deletes_them_by_id()
    {
        var replies = Replies(
            ("aggregate", [Batch(new BsonDocument { { "_id", 1 }, { "n", 5 } })]),
            ("find", [KeysOf(1, 2, 3), KeysOf(4, 5), Batch()]),
            ("delete", [new BsonDocument("$deleteCount", true)]));
        using var mock = new MockMongo(replies);
        using var dir = new TempDir();
        var events = M.Dataset("events", "events", [], retention: M.Retention(archive: null));
        var report = await RunAsync(mock, M.Policy([events]), dir.Path, batchSize: 3, checks: false);

        var result = Assert.Single(report.Retention);
        Assert.Null(result.Error);
        Assert.Equal((5L, 2), (result.Deleted, result.Batches));
        var commands = mock.On("events");
        Assert.Equal(["aggregate", "find", "delete", "find", "delete", "find"], commands.Select(c => c.Name));
        Assert.All(commands.Where(c => c.Name == "find"), c => AssertSelection(c.Doc));
        // The count is a $match on the same filter, never a scan in the runner.
        Assert.Equal(new BsonDocument("$match", new BsonDocument("created", new BsonDocument("$lt", Cutoff))), commands[0].Doc["pipeline"][0]);

        var deletes = commands.Where(c => c.Name == "delete").Select(c => c.Doc).ToList();
        var expected = new[] { new[] { 1, 2, 3 }, new[] { 4, 5 } };
        for (var i = 0; i < deletes.Count; i++)
        {
            var statement = Assert.Single(deletes[i]["deletes"].AsBsonArray).AsBsonDocument;
            Assert.Equal(0, statement["limit"].ToInt32());
            var ids = new BsonArray(expected[i].Select(n => (BsonValue)Id(n)));
            // Exactly the selected _ids, still ObjectIds (not their text).
            Assert.Equal(new BsonDocument("_id", new BsonDocument("$in", ids)), statement["q"]);
        }
    }

    [Fact]
    public async Task Archiving_retention_fetches_each_batch_by_id_before_deleting_it()
    {
        var all = Enumerable.Range(1, 5).Select(Event).ToArray();
        var byId = new BsonDocument("$documentsById", new BsonArray(all));
        var replies = Replies(
            ("aggregate", [Batch(new BsonDocument { { "_id", 1 }, { "n", 5 } })]),
            ("find", [KeysOf(1, 2, 3), byId, KeysOf(4, 5), byId, Batch()]),
            ("delete", [new BsonDocument("$deleteCount", true)]));
        using var mock = new MockMongo(replies);
        using var dir = new TempDir();
        var events = M.Dataset("events", "events", [], retention: M.Retention(archive: "archive", format: "jsonl"));
        var report = await RunAsync(mock, M.Policy([events]), dir.Path, batchSize: 3, checks: false);

        var result = Assert.Single(report.Retention);
        Assert.Null(result.Error);
        Assert.Equal((5L, 5L, 2), (result.Archived, result.Deleted, result.Batches));
        var commands = mock.On("events");
        Assert.Equal(["aggregate", "find", "find", "delete", "find", "find", "delete", "find"], commands.Select(c => c.Name));
        var exports = commands.Where(c => c.Name == "find" && c.Doc["filter"].AsBsonDocument.Contains("_id")).Select(c => c.Doc).ToList();
        Assert.Equal(2, exports.Count);
        Assert.Equal(new BsonDocument("_id", 1), exports[0]["sort"]);
        // The archive and the delete name the same documents.
        var deletes = commands.Where(c => c.Name == "delete").Select(c => c.Doc["deletes"][0]["q"]).ToList();
        Assert.Equal(exports.Select(e => e["filter"]), deletes);

        // Table ∪ archive: the archived lines are the documents, losslessly (types included).
        var manifests = Directory.GetFiles(dir.Path, "*.manifest.json", SearchOption.AllDirectories)
            .Select(PolicyLang.Runtime.Stores.Folder.FolderStore.ReadManifest).ToList();
        Assert.Equal(2, manifests.Count);
        Assert.All(manifests, m => Assert.NotNull(m.CompletedAt));
        var archived = Directory.GetFiles(dir.Path, "*.jsonl", SearchOption.AllDirectories)
            .SelectMany(File.ReadAllLines).Where(l => l.Length > 0).Select(BsonDocument.Parse).OrderBy(d => d["_id"]).ToList();
        Assert.Equal(all, archived);
        Assert.Equal(MongoDbKeys.Encode(Id(1)), manifests.SelectMany(m => m.Keys).Order(StringComparer.Ordinal).First());
    }
}
