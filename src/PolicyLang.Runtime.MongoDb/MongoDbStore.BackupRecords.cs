using MongoDB.Bson;
using MongoDB.Driver;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.MongoDb;

// A backup tool's records of its copies, in a collection of this database, summarized by the server (MongoDbBackupRecords).
public sealed partial class MongoDbStore : IBackupRecords
{
    /// <inheritdoc />
    public async Task<CopySpan> SummarizeBackupRecordsAsync(string table, string timeColumn, CancellationToken ct)
    {
        var collection = Database.GetCollection<BsonDocument>(table);
        using var cursor = await collection.AggregateAsync<BsonDocument>(MongoDbBackupRecords.Pipeline(timeColumn), cancellationToken: ct).ConfigureAwait(false);
        var summary = await cursor.FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (summary is null || summary["count"].ToInt64() == 0)
        {
            return new CopySpan(0, null, null);
        }

        return new CopySpan(summary["count"].ToInt64(), Instant(summary["oldest"]), Instant(summary["newest"]));
    }

    private static DateTimeOffset Instant(BsonValue value) => new(value.ToUniversalTime(), TimeSpan.Zero);
}
