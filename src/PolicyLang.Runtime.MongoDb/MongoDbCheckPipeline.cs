using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;
using MongoDB.Driver;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// Builds the one aggregation pipeline that counts every store-side rule of a collection. Pure (no server), so tests
/// baseline it and <c>policyc plan</c> prints it.
/// Shape: a single <c>$group</c> with one conditional <c>$sum</c> per row-level rule when that suffices (MongoDB splits it
/// into per-shard partial groups); otherwise a <c>$facet</c> whose <c>counts</c> branch is that group and whose other
/// branches are <c>unique</c> (<c>$group</c> by value) and <c>references</c> (<c>$lookup</c>) sub-pipelines.
/// Output fields are positional (<c>r0</c>, <c>r1</c>, ...) so rule names never become field names.
/// </summary>
internal static class MongoDbCheckPipeline
{
    /// <summary>The pipeline for every store-side rule of <paramref name="dataset"/>; <paramref name="policy"/> resolves <c>references</c> targets.</summary>
    public static BsonDocument[] Build(DatasetModel dataset, DateTimeOffset now, PolicyModel? policy = null) =>
        Plan(dataset, dataset.Rules.Where(r => RuleSemantics.IsStoreSide(r.Kind)).ToList(), now, policy).Stages;

    /// <summary>Plans <paramref name="rules"/> of <paramref name="dataset"/>: the stages, where each rule's count lands, and warnings.</summary>
    public static MongoDbPipeline Plan(DatasetModel dataset, IReadOnlyList<RuleModel> rules, DateTimeOffset now, PolicyModel? policy)
    {
        var group = new BsonDocument { { "_id", BsonNull.Value }, { "total", new BsonDocument("$sum", 1) } };
        var finish = new BsonDocument();
        var facets = new BsonDocument();
        var slots = new List<MongoDbRuleSlot>();
        var warnings = new List<string>();
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var field = "r" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string? error = null;
            if (rule.Kind is RuleKind.RowsAtLeast or RuleKind.RowCount)
            {
                slots.Add(new MongoDbRuleSlot(rule.Name, MongoDbSlotKind.FromTotal, null, null));
                continue;
            }

            if (rule.Kind == RuleKind.Aggregate && MongoDbFields.IsValidPath(rule.Column))
            {
                group[field] = MongoDbAggregates.Accumulator(rule);
                foreach (var (companion, accumulator) in MongoDbAggregates.Companions(rule, field))
                {
                    group[companion] = accumulator;
                }

                if (MongoDbAggregates.Finish(rule, field, "total") is { } finished)
                {
                    finish[field] = finished;
                }

                slots.Add(new MongoDbRuleSlot(rule.Name, MongoDbSlotKind.Observed, field, null));
                continue;
            }

            if (MongoDbRuleExpressions.IsRowLevel(rule.Kind) && MongoDbRuleExpressions.Violation(rule, now, out error) is { } violation)
            {
                group[field] = Count(violation);
                string? fresh = null;
                if (rule.Kind == RuleKind.FresherThan)
                {
                    fresh = field + "_fresh";
                    group[fresh] = Count(MongoDbRuleExpressions.Fresh(rule, now));
                }

                string? applicable = null;
                if (rule.ToleranceOfApplicable && rule.Kind != RuleKind.FresherThan)
                {
                    applicable = field + "_applicable";
                    group[applicable] = Count(MongoDbConditions.Applicable(rule, now));
                }

                slots.Add(new MongoDbRuleSlot(rule.Name, MongoDbSlotKind.Group, field, null) { FreshField = fresh, ApplicableField = applicable });
                continue;
            }

            BsonArray? branch = null;
            if (error is null && rule.Kind == RuleKind.Unique)
            {
                branch = MongoDbSubPipelines.Unique(rule, out error);
            }
            else if (error is null && rule.Kind == RuleKind.Monotonic)
            {
                branch = MongoDbOrdering.Count(rule, MongoDbStore.Key(dataset), now, out error);
            }
            else if (error is null && rule.Kind == RuleKind.References)
            {
                branch = MongoDbSubPipelines.References(dataset, rule, policy, out error);
                if (branch is not null)
                {
                    warnings.Add($"rule '{rule.Name}': references runs a $lookup into '{MongoDbSubPipelines.TargetOf(rule, policy)}' for every document with a value; " +
                                 $"its cost grows with both collections, so index '{string.Join(", ", rule.TargetColumns)}' there");
                }
            }
            else
            {
                error ??= $"rule kind '{rule.Kind}' is not supported by the mongodb store";
            }

            if (branch is null)
            {
                slots.Add(new MongoDbRuleSlot(rule.Name, MongoDbSlotKind.Error, null, error));
                continue;
            }

            facets[field] = branch;
            slots.Add(new MongoDbRuleSlot(rule.Name, MongoDbSlotKind.Facet, field, null));
        }

        var counting = new BsonArray { new BsonDocument("$group", group) };
        if (finish.ElementCount > 0)
        {
            counting.Add(new BsonDocument("$set", finish));
        }

        BsonDocument[] stages = facets.ElementCount == 0
            ? [.. counting.Cast<BsonDocument>()]
            : [new BsonDocument("$facet", new BsonDocument("counts", counting).AddRange(facets))];
        return new MongoDbPipeline(stages, slots, warnings);
    }

    /// <summary>
    /// The stages as the driver renders them for the <c>aggregate</c> command (through <see cref="PipelineDefinition{TInput, TOutput}"/>),
    /// i.e. exactly what is sent; used for baselines so they show the driver's rendering, not only ours.
    /// </summary>
    public static BsonDocument[] Render(IEnumerable<BsonDocument> stages)
    {
        var pipeline = PipelineDefinition<BsonDocument, BsonDocument>.Create(stages);
        var args = new RenderArgs<BsonDocument>(BsonDocumentSerializer.Instance, BsonSerializer.SerializerRegistry);
        return pipeline.Render(args).Documents.ToArray();
    }

    /// <summary>The stages as indented relaxed Extended JSON (dates as <c>{"$date": "..."}</c>), for plans and baselines.</summary>
    public static string ToJson(IEnumerable<BsonDocument> stages)
    {
        var settings = new JsonWriterSettings { OutputMode = JsonOutputMode.RelaxedExtendedJson, Indent = true, IndentChars = "  " };
        return new BsonArray(stages).ToJson(settings).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static BsonDocument Count(BsonValue condition) =>
        new("$sum", new BsonDocument("$cond", new BsonArray { condition, 1, 0 }));
}
