using MongoDB.Bson;
using MongoDB.Driver;
using PolicyLang.Runtime.History;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.MongoDb;

// The run history as a MongoDB collection (docs/history.md "Schema"). A run's records are inserted in order, acknowledged by the
// majority, and its `run` document after them: a crash mid-write leaves records without a run document, which are not read back.
public sealed partial class MongoDbStore : IHistoryStore
{
    /// <inheritdoc />
    public async Task PrepareHistoryAsync(HistoryModel history, CancellationToken ct)
    {
        // Creating the index creates the collection, and proves the runner may write there before the run starts.
        var keys = Builders<BsonDocument>.IndexKeys.Ascending("policy").Ascending("run_at");
        await History(history).Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(keys, new CreateIndexOptions { Name = "policy_run_at" }), cancellationToken: ct)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task AppendHistoryAsync(HistoryModel history, IReadOnlyList<HistoryRecord> records, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var collection = History(history);
        var body = records.Where(r => r.Entry != HistoryEntry.Run).Select(r => MongoDbHistoryDocuments.ToDocument(r, now)).ToList();
        if (body.Count > 0)
        {
            await collection.InsertManyAsync(body, new InsertManyOptions { IsOrdered = true }, ct).ConfigureAwait(false);
        }

        foreach (var run in records.Where(r => r.Entry == HistoryEntry.Run))
        {
            await collection.InsertOneAsync(MongoDbHistoryDocuments.ToDocument(run, now), cancellationToken: ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryRecord>> ReadHistoryAsync(HistoryModel history, HistoryQuery query, CancellationToken ct)
    {
        using var cursor = await History(history).FindAsync(MongoDbHistoryDocuments.Filter(query), cancellationToken: ct).ConfigureAwait(false);
        var documents = await cursor.ToListAsync(ct).ConfigureAwait(false);
        return [.. documents.Select(MongoDbHistoryDocuments.FromDocument)];
    }

    private IMongoCollection<BsonDocument> History(HistoryModel history) =>
        Database.GetCollection<BsonDocument>(history.Location).WithWriteConcern(WriteConcern.WMajority.With(journal: true));
}
