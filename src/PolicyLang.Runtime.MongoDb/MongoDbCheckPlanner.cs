using MongoDB.Bson;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// Builds the <see cref="CheckPlan{TQuery}"/> of a MongoDB collection: one aggregate (<see cref="MongoDbCheckPipeline"/>) answers
/// every rule it can express, <c>unique</c> and <c>references</c> included (as <c>$facet</c> branches), so no rule runs alone;
/// samples are a bounded <c>find</c> by the rule's own violation, or a bounded aggregate for <c>unique</c> and <c>references</c>.
/// </summary>
internal static class MongoDbCheckPlanner
{
    /// <summary>The plan checking <paramref name="request"/>; sample commands select up to <paramref name="sampleLimit"/> documents.</summary>
    public static CheckPlan<MongoDbQuery> Plan(DatasetCheckRequest request, int sampleLimit)
    {
        var (dataset, now, policy) = (request.Dataset, request.Now, request.Policy);
        var pipeline = MongoDbCheckPipeline.Plan(dataset, request.Rules, now, policy);
        var fused = Count("fused", pipeline, request.Window);
        return new CheckPlan<MongoDbQuery>(dataset, request.Rules, [fused],
            Count("total", MongoDbCheckPipeline.Plan(dataset, [], now, policy), request.Window),
            CheckPlan<MongoDbQuery>.PerRule(request.Rules.Where(r => fused.Rules.Contains(r.Name)),
                r => Count("isolated", MongoDbCheckPipeline.Plan(dataset, [r], now, policy), request.Window)),
            CheckPlan<MongoDbQuery>.PerRule(request.Rules, r => Sample(request, r, sampleLimit)),
            pipeline.Slots.Where(s => s.Kind == MongoDbSlotKind.FromTotal).Select(s => s.Rule).ToList(),
            pipeline.Slots.Where(s => s.Kind == MongoDbSlotKind.Error).ToDictionary(s => s.Rule, s => s.Error!, StringComparer.Ordinal),
            pipeline.Warnings);
    }

    // Up to `limit` violating documents (key and the rule's field), by key.
    private static MongoDbQuery? Sample(DatasetCheckRequest request, RuleModel rule, int limit)
    {
        var dataset = request.Dataset;
        var keys = MongoDbStore.KeyFields(dataset);
        var fields = new List<string>(keys);
        fields.AddRange(rule.Columns.Where(c => !fields.Contains(c, StringComparer.Ordinal)));

        if (fields.Any(f => !MongoDbFields.IsValidPath(f)))
        {
            return null;
        }

        var projection = MongoDbStore.Projection(fields);
        var sort = new BsonDocument(keys.Select(k => new BsonElement(k, 1)));
        if (rule.Kind is RuleKind.Unique or RuleKind.References or RuleKind.Monotonic)
        {
            var stages = rule.Kind switch
            {
                RuleKind.References => MongoDbSubPipelines.DanglingStages(dataset, rule, request.Policy, out _),
                RuleKind.Monotonic when keys.Count == 1 => MongoDbOrdering.Violating(rule, keys[0], request.Now, out _),
                RuleKind.Monotonic => null,
                _ => MongoDbSubPipelines.DuplicateStages(rule.Columns),
            };
            if (stages is null)
            {
                return null;
            }

            stages.Add(new BsonDocument("$sort", sort));
            stages.Add(new BsonDocument("$limit", limit));
            stages.Add(new BsonDocument("$project", projection));
            return new MongoDbQuery("sample", false, [new RuleAnswer(rule.Name)]) { Stages = [.. stages.Cast<BsonDocument>()], Fields = fields };
        }

        var violation = MongoDbRuleExpressions.Violation(rule, request.Now, out _);
        if (violation is null)
        {
            return null;
        }

        var filter = new BsonDocument("$expr", violation);
        return new MongoDbQuery("sample", false, [new RuleAnswer(rule.Name)])
        {
            Filter = MongoDbWindow.Filter(request.Window) is { } window ? new BsonDocument("$and", new BsonArray { window, filter }) : filter,
            Find = (projection, sort, limit), Fields = fields,
        };
    }

    // A counting aggregate; an incremental check's window is its first stage (docs/incremental-checks.md).
    private static MongoDbQuery Count(string purpose, MongoDbPipeline pipeline, CheckWindow? window)
    {
        var query = MongoDbQuery.Count(purpose, pipeline);
        return query with { Stages = MongoDbWindow.Within(window, query.Stages!) };
    }
}
