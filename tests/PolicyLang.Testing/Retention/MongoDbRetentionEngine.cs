using MongoDB.Bson;
using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Stores.Folder;

namespace PolicyLang.Testing.Retention;

/// <summary>The events as documents of a throwaway database on the live server (<see cref="LiveMongo"/>), archived to a folder.</summary>
internal sealed class MongoDbRetentionEngine : IRetentionEngine
{
    private readonly LiveMongo live = new();

    public string Name => "mongodb";

    /// <summary>Documents 1..<paramref name="expired"/> are older than 30 days before <see cref="M.Now"/>; the next <paramref name="fresh"/> are newer.</summary>
    public Task SeedAsync(int expired, int fresh) => Seed(live, expired, fresh);

    public static Task Seed(LiveMongo live, int expired, int fresh) => live["events"].InsertManyAsync(Enumerable.Range(1, expired + fresh).Select(i => new BsonDocument
    {
        { "_id", i },
        { "created", (i <= expired ? M.Now.AddDays(-100).AddHours(i) : M.Now.AddDays(-1).AddMinutes(i)).UtcDateTime },
        { "payload", i % 7 == 0 ? BsonNull.Value : $"payload \"{i}\" ';' $where" },
        { "amount", i % 3 == 0 ? new BsonDecimal128(i * 1.25m) : (BsonValue)(i * 1.25) },
        { "tags", new BsonArray { "a", i } },
    }));

    public Task<List<string>> TableRowsAsync() => Task.FromResult(live.Documents("events"));

    public Task<List<string>> ArchivedRowsAsync() => Task.FromResult(live.ArchivedDocuments("events"));

    public async Task<IReadOnlyList<AuditRecord>> AuditAsync() =>
        await new FolderAuditSink(Path.Combine(live.Archive, "testpolicy", "audit.jsonl"), "testpolicy", true).ReadAllAsync(CancellationToken.None);

    public Task<RunReport> RunAsync(int batchSize) => live.RunAsync(EventsPolicy.For("mongodb", mongoTls: LiveMongo.Tls), batchSize, checks: false);

    // The URI travels in the environment, never on a command line other users can read.
    public string RunHostToFault(string point, int batch) =>
        FaultHost.RunToFault(FaultHost.Start("mongodb", live.Dir, point, batch, new Dictionary<string, string> { ["LAB_MONGO_URL"] = live.Url, ["LAB_MONGO_TLS"] = LiveMongo.Tls }));

    public ValueTask DisposeAsync()
    {
        live.Dispose();
        return ValueTask.CompletedTask;
    }
}
