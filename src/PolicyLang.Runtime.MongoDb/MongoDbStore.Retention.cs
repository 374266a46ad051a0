using MongoDB.Bson;
using MongoDB.Driver;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.MongoDb;

public sealed partial class MongoDbStore
{
    /// <summary>Keys per <c>delete</c>/<c>update</c> command: keeps each command far below the 16 MB message limit whatever the key type.</summary>
    public const int KeysPerCommand = 1000;

    /// <inheritdoc />
    public async Task<long> CountExpiredAsync(RetentionSelection selection, CancellationToken ct) =>
        await Collection(selection.Dataset).CountDocumentsAsync(Expired(selection), cancellationToken: ct).ConfigureAwait(false);

    /// <summary>A <c>find</c> on the expired filter, sorted by (retention field, key), limited to the batch, projecting only the key.</summary>
    public async Task<IReadOnlyList<string>> SelectExpiredKeysAsync(RetentionSelection selection, int limit, CancellationToken ct)
    {
        var dataset = selection.Dataset;
        var fields = KeyFields(dataset);
        var sort = new BsonDocument(selection.Retention.ByColumn!, 1);
        sort.AddRange(fields.Where(f => f != selection.Retention.ByColumn).Select(f => new BsonElement(f, 1)));
        var options = new FindOptions<BsonDocument>
        {
            Projection = Projection(fields),
            Sort = sort,
            Limit = limit,
            BatchSize = limit,
        };
        using var cursor = await Collection(selection.Dataset).FindAsync(Expired(selection), options, ct).ConfigureAwait(false);
        var keys = new List<string>();
        while (await cursor.MoveNextAsync(ct).ConfigureAwait(false))
        {
            keys.AddRange(cursor.Current.Select(d => KeyText(dataset, d)));
        }

        return keys;
    }

    /// <summary>Fetches exactly the documents with <paramref name="keys"/> (by key, in key order) and writes them with <see cref="MongoDbArchiveWriter"/>.</summary>
    public async Task<long> ExportAsync(DatasetModel dataset, IReadOnlyList<string> keys, string format, string localPath, CancellationToken ct)
    {
        var fields = KeyFields(dataset);
        var documents = new List<BsonDocument>(keys.Count);
        foreach (var chunk in keys.Chunk(KeysPerCommand))
        {
            var options = new FindOptions<BsonDocument> { Sort = new BsonDocument(fields.Select(f => new BsonElement(f, 1))), BatchSize = CursorBatchSize };
            using var cursor = await Collection(dataset).FindAsync(ByKeys(dataset, chunk), options, ct).ConfigureAwait(false);
            while (await cursor.MoveNextAsync(ct).ConfigureAwait(false))
            {
                documents.AddRange(cursor.Current);
            }
        }

        await MongoDbArchiveWriter.WriteAsync(documents, fields, dataset.Retention?.ByColumn, format, localPath, ct).ConfigureAwait(false);
        return documents.Count;
    }

    /// <summary>
    /// Deletes by key in commands of <see cref="KeysPerCommand"/> keys. MongoDB offers multi-document transactions only on replica
    /// sets, so the batch is not atomic: <paramref name="beforeCommit"/> runs before the last command, and a crash there leaves
    /// the batch partly deleted. That is safe: its archive is verified first and the rerun deletes the remaining keys.
    /// </summary>
    public async Task<long> DeleteAsync(DatasetModel dataset, IReadOnlyList<string> keys, Func<ValueTask>? beforeCommit, CancellationToken ct)
    {
        long deleted = 0;
        var chunks = keys.Chunk(KeysPerCommand).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            if (i == chunks.Count - 1 && beforeCommit is not null)
            {
                await beforeCommit().ConfigureAwait(false);
            }

            var result = await Collection(dataset).DeleteManyAsync(ByKeys(dataset, chunks[i]), ct).ConfigureAwait(false);
            deleted += result.DeletedCount;
        }

        return deleted;
    }

    /// <summary>Sets <paramref name="columns"/> to null on the documents with <paramref name="keys"/>, in the same chunks as <see cref="DeleteAsync"/>.</summary>
    public async Task<long> AnonymizeAsync(DatasetModel dataset, IReadOnlyList<string> keys, IReadOnlyList<string> columns, Func<ValueTask>? beforeCommit, CancellationToken ct)
    {
        if (columns.Count == 0)
        {
            throw new RunException($"dataset '{dataset.Name}': anonymize names no columns");
        }

        if (columns.Any(c => !MongoDbFields.IsValidPath(c)))
        {
            throw new RunException($"dataset '{dataset.Name}': anonymize names a field path MongoDB cannot address");
        }

        var set = new BsonDocument("$set", new BsonDocument(columns.Select(c => new BsonElement(c, BsonNull.Value))));
        long updated = 0;
        var chunks = keys.Chunk(KeysPerCommand).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            if (i == chunks.Count - 1 && beforeCommit is not null)
            {
                await beforeCommit().ConfigureAwait(false);
            }

            var result = await Collection(dataset).UpdateManyAsync(ByKeys(dataset, chunks[i]), set, cancellationToken: ct).ConfigureAwait(false);
            updated += result.ModifiedCount;
        }

        return updated;
    }

    /// <summary>Lists the collection's indexes and compares its TTL indexes with the declared retention (<see cref="MongoDbNativeRetentionPlanner"/>).</summary>
    public async Task<MongoDbTtlDrift> InspectTtlAsync(DatasetModel dataset, CancellationToken ct)
    {
        var indexes = new List<BsonDocument>();
        try
        {
            using var cursor = await Collection(dataset).Indexes.ListAsync(ct).ConfigureAwait(false);
            indexes = await cursor.ToListAsync(ct).ConfigureAwait(false);
        }
        catch (MongoCommandException ex) when (ex.CodeName == "NamespaceNotFound")
        {
            // A collection that does not exist yet has no indexes; the planned index is still missing.
        }

        return MongoDbNativeRetentionPlanner.Compare(dataset, indexes);
    }

    /// <summary>For <c>--apply</c>: creates the planned TTL index or changes its window; returns the drift found before applying.</summary>
    public async Task<MongoDbTtlDrift> ApplyTtlAsync(DatasetModel dataset, CancellationToken ct)
    {
        var drift = await InspectTtlAsync(dataset, ct).ConfigureAwait(false);
        if (drift.Command is { } command)
        {
            await Database.RunCommandAsync<BsonDocument>(command, cancellationToken: ct).ConfigureAwait(false);
        }

        return drift;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SchemaFinding>> CheckRetentionDriftAsync(DatasetModel dataset, CancellationToken ct)
    {
        var drift = await InspectTtlAsync(dataset, ct).ConfigureAwait(false);
        return drift.Status is MongoDbTtlStatus.InSync or MongoDbTtlStatus.NotApplicable
            ? []
            : [new SchemaFinding(dataset.Retention?.ByColumn ?? Key(dataset), "ttl-" + Finding(drift.Status), drift.Declared, drift.Actual)];
    }

    /// <summary>
    /// The documents with <paramref name="keys"/>: <c>{key: {$in: [...]}}</c>, or for a composite key <c>{$or: [{a: .., b: ..}, ...]}</c>
    /// (each part decoded to its exact BSON value; equality on every field of the key, so the key's index serves each branch).
    /// </summary>
    private static BsonDocument ByKeys(DatasetModel dataset, IEnumerable<string> keys)
    {
        var fields = KeyFields(dataset);
        if (fields.Count == 1)
        {
            return new(fields[0], new BsonDocument("$in", new BsonArray(keys.Select(MongoDbKeys.Decode))));
        }

        return new("$or", new BsonArray(keys.Select(key =>
            new BsonDocument(RetentionKeys.Split(key, fields.Count).Select((part, i) => new BsonElement(fields[i], part is null ? BsonNull.Value : MongoDbKeys.Decode(part)))))));
    }

    /// <summary>
    /// A document's key text: the Extended JSON of its key's value (<see cref="MongoDbKeys"/>); for a composite key each field's text
    /// composed as <see cref="RetentionKeys.Compose"/> does, a null or missing field as null (the protocol refuses such a batch).
    /// </summary>
    internal static string KeyText(DatasetModel dataset, BsonDocument document)
    {
        var fields = KeyFields(dataset);
        return fields.Count == 1
            ? MongoDbKeys.Encode(MongoDbFields.Get(document, fields[0]) ?? BsonNull.Value)
            : RetentionKeys.Compose([.. fields.Select(f => MongoDbFields.Get(document, f) is { IsBsonNull: false } v ? MongoDbKeys.Encode(v) : null)]);
    }

    /// <summary>
    /// Documents whose retention field is a date before the cutoff. Query <c>$lt</c> on a date only matches dates (type
    /// bracketing), so a string or missing field is never expired by accident. For anonymize: only documents not yet anonymized.
    /// </summary>
    internal static BsonDocument Expired(RetentionSelection selection)
    {
        var by = selection.Retention.ByColumn;
        if (by is null || !MongoDbFields.IsValidPath(by))
        {
            throw new RunException($"dataset '{selection.Dataset.Name}': retention needs a date field MongoDB can address (by last-modified applies to object stores)");
        }

        var filter = new BsonDocument(by, new BsonDocument("$lt", MongoDbFields.Plain(selection.Cutoff)));
        if (selection.Retention.Action == "anonymize" && selection.Retention.AnonymizeColumns.Count > 0)
        {
            filter["$or"] = new BsonArray(selection.Retention.AnonymizeColumns.Select(c => new BsonDocument(c, new BsonDocument("$ne", BsonNull.Value))));
        }

        return filter;
    }
}
