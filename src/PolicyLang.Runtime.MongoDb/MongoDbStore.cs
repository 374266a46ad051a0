using System.Runtime.CompilerServices;
using MongoDB.Bson;
using MongoDB.Driver;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// A MongoDB database: checks (<see cref="IDataStore"/>: one aggregate per collection), retention steps (<see cref="IRetentionSource"/>),
/// TTL drift (<see cref="IRetentionDriftSource"/>) and the audit trail (<see cref="IAuditStore"/>).
/// Documents leave the server only for <c>csharp</c> rules (projected), bounded samples and retention batches.
/// </summary>
public sealed partial class MongoDbStore : IDataStore, IRetentionSource, IRetentionDriftSource, IAuditStore
{
    /// <summary>Documents per cursor batch when streaming to <c>csharp</c> rules or exporting.</summary>
    public const int CursorBatchSize = 1000;

    private readonly MongoClient client;

    /// <summary>Wraps <paramref name="database"/> of <paramref name="client"/>; the store owns the client and disposes it.</summary>
    public MongoDbStore(StoreModel model, MongoClient client, IMongoDatabase database)
    {
        Model = model;
        this.client = client;
        Database = database;
    }

    /// <inheritdoc />
    public StoreModel Model { get; }

    /// <summary>The database holding the policy's collections.</summary>
    public IMongoDatabase Database { get; }

    internal IMongoCollection<BsonDocument> Collection(DatasetModel dataset) => Database.GetCollection<BsonDocument>(dataset.Location);

    /// <summary>The key a dataset is addressed by: its declared key, else <c>_id</c>.</summary>
    internal static string Key(DatasetModel dataset) => dataset.Key ?? "_id";

    /// <summary>The fields a dataset's documents are addressed by: its declared key's field (or a composite key's fields), else <c>_id</c>.</summary>
    internal static IReadOnlyList<string> KeyFields(DatasetModel dataset) => dataset.HasKey ? dataset.KeyColumns : ["_id"];

    /// <summary>
    /// Streams the key and <paramref name="fields"/> of every document, projected on the server. Each row holds every requested
    /// path (dotted paths as written, e.g. <c>row["a.b"]</c>) and a missing field reads as null, like a SQL NULL.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyDictionary<string, object?>> StreamAsync(DatasetModel dataset, IReadOnlyList<string> fields,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var wanted = new List<string>(KeyFields(dataset));
        wanted.AddRange(fields.Where(f => !wanted.Contains(f, StringComparer.Ordinal)));
        var invalid = wanted.FirstOrDefault(f => !MongoDbFields.IsValidPath(f));
        if (invalid is not null)
        {
            throw new RunException($"dataset '{dataset.Name}': field path '{invalid}' cannot be addressed in MongoDB");
        }

        var options = new FindOptions<BsonDocument> { Projection = Projection(wanted), BatchSize = CursorBatchSize };
        using var cursor = await Collection(dataset).FindAsync(FilterDefinition<BsonDocument>.Empty, options, ct).ConfigureAwait(false);
        while (await cursor.MoveNextAsync(ct).ConfigureAwait(false))
        {
            foreach (var document in cursor.Current)
            {
                yield return wanted.ToDictionary(f => f, f => BsonMapping.ToDotNet(MongoDbFields.Get(document, f)), StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// MongoDB has no table schema; the live schema is the collection's <c>$jsonSchema</c> validator, when it has one.
    /// Without a validator only a missing collection is a finding (there is nothing else to compare).
    /// </summary>
    public async Task<IReadOnlyList<SchemaFinding>> CheckSchemaAsync(DatasetModel dataset, CancellationToken ct) =>
        MongoDbSchema.Compare(dataset, await EnsureExistsAsync(dataset, ct).ConfigureAwait(false));

    /// <summary>The collection's <c>listCollections</c> entry; a <see cref="RunException"/> when it does not exist.</summary>
    internal async Task<BsonDocument> EnsureExistsAsync(DatasetModel dataset, CancellationToken ct)
    {
        var filter = new BsonDocument("name", dataset.Location);
        using var cursor = await Database.ListCollectionsAsync(new ListCollectionsOptions { Filter = filter }, ct).ConfigureAwait(false);
        return await cursor.FirstOrDefaultAsync(ct).ConfigureAwait(false)
            ?? throw new RunException($"dataset '{dataset.Name}': collection '{dataset.Location}' does not exist in database '{Database.DatabaseNamespace.DatabaseName}'");
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    internal static BsonDocument Projection(IEnumerable<string> paths)
    {
        var projection = new BsonDocument();
        foreach (var p in MongoDbFields.Collapse(paths))
        {
            projection[p] = 1;
        }

        if (!projection.Contains("_id"))
        {
            projection["_id"] = 0;
        }

        return projection;
    }
}
