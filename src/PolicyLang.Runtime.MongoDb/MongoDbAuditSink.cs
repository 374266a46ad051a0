using MongoDB.Bson;
using MongoDB.Driver;
using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// An audit trail in a MongoDB collection, one document per record, acknowledged by the majority before the next action
/// runs. Timestamps are kept as the canonical text so a record hashes the same after the round trip.
/// </summary>
public sealed class MongoDbAuditSink : ChainedAuditSink
{
    private readonly IMongoCollection<BsonDocument> collection;

    internal MongoDbAuditSink(IMongoCollection<BsonDocument> collection, string policy, bool tamperEvident) : base(policy, tamperEvident) =>
        this.collection = collection.WithWriteConcern(WriteConcern.WMajority.With(journal: true));

    /// <inheritdoc />
    protected override Task WriteAsync(AuditRecord r, CancellationToken ct)
    {
        var counts = new BsonDocument(r.Counts.Select(kv => new BsonElement(kv.Key, kv.Value)));
        var document = new BsonDocument
        {
            // A client-generated ObjectId grows with time, giving the stored order to read the trail back in.
            { "_id", ObjectId.GenerateNewId() },
            { "sequence", r.Sequence },
            { "timestamp", AuditChain.FormatTimestamp(r.Timestamp) },
            { "policy", r.Policy },
            { "action", r.Action },
            { "dataset", (BsonValue?)r.Dataset ?? BsonNull.Value },
            { "details", r.Details },
            { "counts", counts },
            { "previous_hash", (BsonValue?)r.PreviousHash ?? BsonNull.Value },
            { "hash", (BsonValue?)r.Hash ?? BsonNull.Value },
        };
        return collection.InsertOneAsync(document, cancellationToken: ct);
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<AuditRecord>> ReadAllAsync(CancellationToken ct)
    {
        var options = new FindOptions<BsonDocument> { Sort = new BsonDocument("_id", 1) };
        var documents = await (await collection.FindAsync(new BsonDocument("policy", Policy), options, ct).ConfigureAwait(false))
            .ToListAsync(ct).ConfigureAwait(false);
        return documents.Select(d => new AuditRecord(
            d["sequence"].ToInt64(), AuditChain.ParseTimestamp(d["timestamp"].AsString), d["policy"].AsString, d["action"].AsString,
            d["dataset"].IsBsonNull ? null : d["dataset"].AsString, d["details"].AsString,
            d["counts"].AsBsonDocument.ToDictionary(e => e.Name, e => e.Value.ToInt64()),
            d["previous_hash"].IsBsonNull ? null : d["previous_hash"].AsString,
            d["hash"].IsBsonNull ? null : d["hash"].AsString)).ToList();
    }
}
