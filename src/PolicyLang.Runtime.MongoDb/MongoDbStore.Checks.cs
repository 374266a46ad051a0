using System.Globalization;
using MongoDB.Bson;
using MongoDB.Driver;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.MongoDb;

public sealed partial class MongoDbStore
{
    /// <summary>
    /// Runs <see cref="MongoDbCheckPipeline"/>'s one aggregate for the collection. If the server rejects it (e.g. a pattern
    /// its regex engine refuses), each rule is retried alone so one bad rule reports its own error instead of hiding the others.
    /// </summary>
    public async Task<DatasetCheckResult> CheckAsync(DatasetCheckRequest request, CancellationToken ct)
    {
        var plan = MongoDbCheckPipeline.Plan(request.Dataset, request.Rules, request.Now, request.Policy);
        long RowsAtLeast(string rule) => Convert.ToInt64(request.Rules.First(r => r.Name == rule).Args[0], CultureInfo.InvariantCulture);
        try
        {
            var result = await AggregateOneAsync(request.Dataset, plan.Stages, ct).ConfigureAwait(false);
            // An aggregate over a collection that does not exist answers like an empty one; a misspelled collection must
            // not pass every rule, so an empty answer is told apart (one listCollections, only then).
            if (result is null) await EnsureExistsAsync(request.Dataset, ct).ConfigureAwait(false);
            var (total, counts) = plan.Read(result, RowsAtLeast);
            return new DatasetCheckResult(total, counts, 1);
        }
        catch (MongoCommandException) when (request.Rules.Count > 0)
        {
            var totalPlan = MongoDbCheckPipeline.Plan(request.Dataset, [], request.Now, request.Policy);
            var (total, _) = totalPlan.Read(await AggregateOneAsync(request.Dataset, totalPlan.Stages, ct).ConfigureAwait(false), RowsAtLeast);
            var counts = new List<RuleCounts>();
            var queries = 1;
            foreach (var rule in request.Rules)
            {
                var single = MongoDbCheckPipeline.Plan(request.Dataset, [rule], request.Now, request.Policy);
                if (single.Slots[0].Kind is MongoDbSlotKind.Error or MongoDbSlotKind.FromTotal)
                {
                    // Nothing to ask the server: the total alone decides (or the rule cannot run at all).
                    counts.Add(single.Read(new BsonDocument("total", total), RowsAtLeast).Counts[0]);
                    continue;
                }
                queries++;
                try { counts.Add(single.Read(await AggregateOneAsync(request.Dataset, single.Stages, ct).ConfigureAwait(false), RowsAtLeast).Counts[0] with { Total = total }); }
                catch (MongoCommandException ex) { counts.Add(new RuleCounts(rule.Name, 0, total, Error: ex.Message)); }
            }
            return new DatasetCheckResult(total, counts, queries);
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> violating documents (key and the rule's field), by key: a <c>find</c> with the rule's
    /// violation as <c>$expr</c> and a limit; <c>unique</c> and <c>references</c> use a bounded aggregate.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> SampleAsync(DatasetCheckRequest request, RuleModel rule, int limit, CancellationToken ct)
    {
        var dataset = request.Dataset;
        var key = Key(dataset);
        var fields = new List<string> { key };
        if (rule.Column is { } column && column != key) fields.Add(column);
        if (fields.Any(f => !MongoDbFields.IsValidPath(f))) return [];
        var projection = Projection(fields);
        var sort = new BsonDocument(key, 1);
        List<BsonDocument> documents;
        if (rule.Kind is RuleKind.Unique or RuleKind.References)
        {
            var stages = rule.Kind == RuleKind.References
                ? MongoDbSubPipelines.DanglingStages(dataset, rule, request.Policy, out _)
                : DuplicateStages(rule.Column!);
            if (stages is null) return [];
            stages.Add(new BsonDocument("$sort", sort));
            stages.Add(new BsonDocument("$limit", limit));
            stages.Add(new BsonDocument("$project", projection));
            documents = await (await Collection(dataset).AggregateAsync(PipelineDefinition<BsonDocument, BsonDocument>.Create(stages.Cast<BsonDocument>()), cancellationToken: ct).ConfigureAwait(false))
                .ToListAsync(ct).ConfigureAwait(false);
        }
        else
        {
            var violation = MongoDbRuleExpressions.Violation(rule, request.Now, out _);
            if (violation is null) return [];
            var options = new FindOptions<BsonDocument> { Projection = projection, Sort = sort, Limit = limit };
            documents = await (await Collection(dataset).FindAsync(new BsonDocument("$expr", violation), options, ct).ConfigureAwait(false)).ToListAsync(ct).ConfigureAwait(false);
        }
        return documents.Select(d => (IReadOnlyDictionary<string, object?>)fields.ToDictionary(f => f, f => BsonMapping.ToDotNet(MongoDbFields.Get(d, f)), StringComparer.Ordinal)).ToList();
    }

    // Documents whose value is duplicated, in one pass: a window counts each value's partition, so no second lookup
    // into the collection is needed to turn duplicate values back into documents (MongoDB 5.0+).
    private static BsonArray DuplicateStages(string path) =>
    [
        new BsonDocument("$match", new BsonDocument(path, new BsonDocument("$ne", BsonNull.Value))),
        new BsonDocument("$setWindowFields", new BsonDocument
        {
            { "partitionBy", MongoDbFields.Ref(path) },
            { "output", new BsonDocument("__policylang_n", new BsonDocument("$count", new BsonDocument())) },
        }),
        new BsonDocument("$match", new BsonDocument("__policylang_n", new BsonDocument("$gt", 1))),
    ];

    private async Task<BsonDocument?> AggregateOneAsync(DatasetModel dataset, IEnumerable<BsonDocument> stages, CancellationToken ct)
    {
        var pipeline = PipelineDefinition<BsonDocument, BsonDocument>.Create(stages);
        using var cursor = await Collection(dataset).AggregateAsync(pipeline, new AggregateOptions { AllowDiskUse = true }, ct).ConfigureAwait(false);
        return await cursor.FirstOrDefaultAsync(ct).ConfigureAwait(false);
    }
}
