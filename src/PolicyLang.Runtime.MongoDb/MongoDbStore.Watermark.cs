using MongoDB.Bson;
using MongoDB.Driver;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.MongoDb;

// Incremental checks: the highest watermark above the last one (docs/incremental-checks.md); with an index on the field, one index probe.
public sealed partial class MongoDbStore : IWatermarkSource
{
    /// <inheritdoc />
    public async Task<string?> WatermarkAsync(DatasetModel dataset, string column, string? from, CancellationToken ct)
    {
        var filter = WatermarkFilter(column, from);
        var options = new FindOptions<BsonDocument> { Projection = Projection([column]), Sort = new BsonDocument(column, -1), Limit = 1 };
        var newest = await (await Collection(dataset).FindAsync(filter, options, ct).ConfigureAwait(false)).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return newest is null ? null : Values.ToInvariantString(BsonMapping.ToDotNet(MongoDbFields.Get(newest, column)));
    }

    /// <summary>The documents whose <paramref name="column"/> is above <paramref name="from"/> (set at all when null); the newest is the new watermark.</summary>
    internal static BsonDocument WatermarkFilter(string column, string? from) => from is null
        ? new BsonDocument(column, new BsonDocument("$ne", BsonNull.Value))
        : new BsonDocument(column, new BsonDocument("$gt", MongoDbWindow.Value(from)));
}
