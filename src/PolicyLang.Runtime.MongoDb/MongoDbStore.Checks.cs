using MongoDB.Bson;
using MongoDB.Driver;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.MongoDb;

// Checks: the plan of MongoDbCheckPlanner, run by CheckProtocol; this part only sends its commands.
public sealed partial class MongoDbStore : ICheckExecutor<MongoDbQuery>
{
    /// <summary>
    /// Counts the rules of <paramref name="request"/> with <see cref="CheckProtocol"/> over the plan of <see cref="MongoDbCheckPlanner"/>:
    /// one aggregate for the collection; when the server rejects it (e.g. a pattern its regex engine refuses), the total and then
    /// each rule alone.
    /// </summary>
    public Task<DatasetCheckResult> CheckAsync(DatasetCheckRequest request, CancellationToken ct) =>
        CheckProtocol.CountAsync(MongoDbCheckPlanner.Plan(request, 0), this, ct);

    /// <inheritdoc />
    public Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> SampleAsync(DatasetCheckRequest request, RuleModel rule, int limit, CancellationToken ct) =>
        CheckProtocol.SampleAsync(MongoDbCheckPlanner.Plan(request, limit), rule, this, ct);

    async Task<IReadOnlyList<object?>> ICheckExecutor<MongoDbQuery>.CountAsync(MongoDbQuery query, DatasetModel dataset, CancellationToken ct)
    {
        var pipeline = PipelineDefinition<BsonDocument, BsonDocument>.Create(query.Stages!);
        using var cursor = await Collection(dataset).AggregateAsync(pipeline, new AggregateOptions { AllowDiskUse = true }, ct).ConfigureAwait(false);
        var result = await cursor.FirstOrDefaultAsync(ct).ConfigureAwait(false);
        // An aggregate over a collection that does not exist answers like an empty one; a misspelled collection must
        // not pass every rule, so an empty answer is told apart (one listCollections, only then).
        if (result is null)
        {
            await EnsureExistsAsync(dataset, ct).ConfigureAwait(false);
        }

        return MongoDbPipeline.Numbers(result, query.Outputs);
    }

    async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ICheckExecutor<MongoDbQuery>.SampleAsync(MongoDbQuery query, DatasetModel dataset, CancellationToken ct)
    {
        List<BsonDocument> documents;
        if (query.Stages is { } stages)
        {
            var pipeline = PipelineDefinition<BsonDocument, BsonDocument>.Create(stages);
            documents = await (await Collection(dataset).AggregateAsync(pipeline, cancellationToken: ct).ConfigureAwait(false)).ToListAsync(ct).ConfigureAwait(false);
        }
        else
        {
            var (projection, sort, limit) = query.Find;
            var options = new FindOptions<BsonDocument> { Projection = projection, Sort = sort, Limit = limit };
            documents = await (await Collection(dataset).FindAsync(query.Filter!, options, ct).ConfigureAwait(false)).ToListAsync(ct).ConfigureAwait(false);
        }

        return documents.Select(d => (IReadOnlyDictionary<string, object?>)query.Fields.ToDictionary(f => f, f => BsonMapping.ToDotNet(MongoDbFields.Get(d, f)), StringComparer.Ordinal))
            .ToList();
    }

    string? ICheckExecutor<MongoDbQuery>.Rejection(Exception failure, DatasetModel dataset) => (failure as MongoCommandException)?.Message;
}
