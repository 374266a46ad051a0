using MongoDB.Bson;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>The <c>$facet</c> branches for rules that need their own grouping: <c>unique</c> and <c>references</c>.</summary>
internal static class MongoDbSubPipelines
{
    /// <summary>The field the <c>references</c> branch stores lookup matches in; prefixed so it cannot shadow a user field that matters.</summary>
    public const string LookupField = "__policylang_ref";

    /// <summary>
    /// Documents whose non-null value occurs more than once: group by value, keep groups of n &gt; 1, sum n. A composite rule groups
    /// by a document of its fields' values (<c>{k0: "$run_id", k1: "$lane"}</c>) and ignores documents where any of them is null or missing.
    /// </summary>
    public static BsonArray? Unique(RuleModel rule, out string? error)
    {
        var invalid = rule.Columns.FirstOrDefault(c => !MongoDbFields.IsValidPath(c));
        if (invalid is not null || rule.Columns.Count == 0) { error = $"field path '{invalid}' cannot be addressed in MongoDB"; return null; }

        error = null;
        return
        [
            NonNull(rule.Columns),
            new BsonDocument("$group", new BsonDocument { { "_id", Group(rule.Columns) }, { "n", new BsonDocument("$sum", 1) } }),
            new BsonDocument("$match", new BsonDocument("n", new BsonDocument("$gt", 1))),
            new BsonDocument("$group", new BsonDocument { { "_id", BsonNull.Value }, { "v", new BsonDocument("$sum", "$n") } }),
        ];
    }

    /// <summary>Documents with a value that no document of the target collection has: a bounded <c>$lookup</c> per document.</summary>
    public static BsonArray? References(DatasetModel dataset, RuleModel rule, PolicyModel? policy, out string? error)
    {
        var stages = DanglingStages(dataset, rule, policy, out error);
        if (stages is null)
        {
            return null;
        }

        stages.Add(new BsonDocument("$group", new BsonDocument { { "_id", BsonNull.Value }, { "v", new BsonDocument("$sum", 1) } }));
        return stages;
    }

    /// <summary>The stages selecting documents whose reference dangles (shared by the count and the samples).</summary>
    public static BsonArray? DanglingStages(DatasetModel dataset, RuleModel rule, PolicyModel? policy, out string? error)
    {
        error = null;
        var target = RuleSemantics.ReferenceTarget(policy, dataset, rule, out var missing);
        if (target is null) { error = missing; return null; }

        if (rule.Columns.Count > 1)
        {
            return CompositeDanglingStages(rule, target, out error);
        }

        if (!MongoDbFields.IsValidPath(rule.Column) || !MongoDbFields.IsValidPath(rule.TargetColumn))
        {
            error = $"references: field path '{rule.Column}' or '{rule.TargetColumn}' cannot be addressed in MongoDB";
            return null;
        }
        // localField + foreignField with a sub-pipeline (MongoDB 5.0+): one matching document is enough to prove the reference.
        var lookup = new BsonDocument
        {
            { "from", target.Location },
            { "localField", rule.Column },
            { "foreignField", rule.TargetColumn },
            { "pipeline", new BsonArray { new BsonDocument("$limit", 1), new BsonDocument("$project", new BsonDocument("_id", 1)) } },
            { "as", LookupField },
        };
        return
        [
            NonNull(rule.Column!),
            new BsonDocument("$lookup", lookup),
            new BsonDocument("$match", new BsonDocument(LookupField, new BsonDocument("$size", 0))),
        ];
    }

    /// <summary>
    /// Documents whose value is duplicated, in one pass: a window counts each value's partition, so no second lookup into the
    /// collection is needed to turn duplicate values back into documents (MongoDB 5.0+).
    /// </summary>
    public static BsonArray DuplicateStages(IReadOnlyList<string> paths) =>
    [
        NonNull(paths),
        new BsonDocument("$setWindowFields", new BsonDocument
        {
            { "partitionBy", Group(paths) },
            { "output", new BsonDocument("__policylang_n", new BsonDocument("$count", new BsonDocument())) },
        }),
        new BsonDocument("$match", new BsonDocument("__policylang_n", new BsonDocument("$gt", 1))),
    ];

    /// <summary>The target collection of a <c>references</c> rule, for messages.</summary>
    public static string? TargetOf(RuleModel rule, PolicyModel? policy) =>
        policy?.Datasets.FirstOrDefault(d => d.Name == rule.TargetDataset)?.Location;

    // $ne: null matches neither null nor a missing field: exactly the values a unique/references rule looks at.
    private static BsonDocument NonNull(string path) => new("$match", new BsonDocument(path, new BsonDocument("$ne", BsonNull.Value)));

    // Every one of the paths is non-null (one path: the single-column stage as before).
    private static BsonDocument NonNull(IReadOnlyList<string> paths) => paths.Count == 1
        ? NonNull(paths[0])
        : new("$match", new BsonDocument(paths.Select(p => new BsonElement(p, new BsonDocument("$ne", BsonNull.Value)))));

    // What a group or window partitions by: the field's value, or for several fields a document of their values in order.
    private static BsonValue Group(IReadOnlyList<string> paths) => paths.Count == 1
        ? MongoDbFields.Ref(paths[0])
        : new BsonDocument(paths.Select((p, i) => new BsonElement($"k{i}", MongoDbFields.Ref(p))));

    /// <summary>
    /// A composite <c>references</c>: documents whose fields, none null, match no document of the target in the paired fields. A
    /// <c>$lookup</c> with <c>let</c> and an <c>$expr</c> equality per pair (<c>localField</c> takes one field only); one match proves it.
    /// </summary>
    private static BsonArray? CompositeDanglingStages(RuleModel rule, DatasetModel target, out string? error)
    {
        var invalid = rule.Columns.Concat(rule.TargetColumns).FirstOrDefault(c => !MongoDbFields.IsValidPath(c));
        if (invalid is not null || rule.TargetColumns.Count != rule.Columns.Count)
        {
            error = $"references: field path '{invalid}' cannot be addressed in MongoDB";
            return null;
        }

        error = null;
        var matches = new BsonArray(rule.TargetColumns.Select((t, i) => new BsonDocument("$eq", new BsonArray { MongoDbFields.Ref(t), $"$$k{i}" })));
        var lookup = new BsonDocument
        {
            { "from", target.Location },
            { "let", new BsonDocument(rule.Columns.Select((c, i) => new BsonElement($"k{i}", MongoDbFields.Ref(c)))) },
            {
                "pipeline", new BsonArray
                {
                    new BsonDocument("$match", new BsonDocument("$expr", new BsonDocument("$and", matches))),
                    new BsonDocument("$limit", 1),
                    new BsonDocument("$project", new BsonDocument("_id", 1)),
                }
            },
            { "as", LookupField },
        };
        return
        [
            NonNull(rule.Columns),
            new BsonDocument("$lookup", lookup),
            new BsonDocument("$match", new BsonDocument(LookupField, new BsonDocument("$size", 0))),
        ];
    }
}
