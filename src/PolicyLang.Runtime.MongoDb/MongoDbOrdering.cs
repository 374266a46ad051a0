using MongoDB.Bson;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// <c>increasing</c> / <c>decreasing</c> as a <c>$facet</c> branch: <c>$setWindowFields</c> partitioned by "in the sequence", sorted by the
/// order field then the value, <c>$shift</c> gives each document the previous value (MongoDB 5.0+). Meaning: docs/language.md "Ordering".
/// </summary>
internal static class MongoDbOrdering
{
    private const string InSequence = "__policylang_seq";
    private const string Previous = "__policylang_prev";

    /// <summary>The stages selecting the violating documents; null with <paramref name="error"/> for a path MongoDB cannot address.</summary>
    public static BsonArray? Violating(RuleModel rule, string key, DateTimeOffset now, out string? error)
    {
        error = null;
        var (column, order) = (rule.Column!, rule.OrderColumn!);
        if (!MongoDbFields.IsValidPath(column) || !MongoDbFields.IsValidPath(order) || MongoDbConditions.InvalidPath(rule) is not null)
        {
            error = $"field path '{column}', '{order}' or one of its `where` cannot be addressed in MongoDB";
            return null;
        }

        BsonValue Known(string path) => MongoDbConditions.And(
            MongoDbConditions.Not(MongoDbRuleExpressions.IsNull(path)),
            MongoDbConditions.Not(new BsonDocument("$eq", new BsonArray { MongoDbFields.Ref(path), double.NaN })));
        var stages = new BsonArray();
        if (rule.Where is { } where)
        {
            stages.Add(new BsonDocument("$match", new BsonDocument("$expr", MongoDbConditions.True(RowConditions.Resolve(where, now)))));
        }

        stages.Add(new BsonDocument("$set", new BsonDocument(InSequence, MongoDbConditions.And(Known(column), Known(order)))));
        stages.Add(new BsonDocument("$setWindowFields", new BsonDocument
        {
            { "partitionBy", "$" + InSequence },
            { "sortBy", SortBy(rule, key) },
            { "output", new BsonDocument(Previous, new BsonDocument("$shift", new BsonDocument { { "output", MongoDbFields.Ref(column) }, { "by", -1 }, { "default", BsonNull.Value } })) },
        }));
        var op = rule.Decreasing ? rule.Strictly ? "$gte" : "$gt" : rule.Strictly ? "$lte" : "$lt";
        var behind = MongoDbConditions.And("$" + InSequence, new BsonDocument("$ne", new BsonArray { "$" + Previous, BsonNull.Value }),
            new BsonDocument(op, new BsonArray { MongoDbFields.Ref(column), "$" + Previous }));
        BsonValue outside = MongoDbConditions.And(MongoDbConditions.Not(MongoDbRuleExpressions.IsNull(column)), new BsonDocument("$eq", new BsonArray { MongoDbFields.Ref(column), double.NaN }));
        if (!rule.OrNull)
        {
            outside = new BsonDocument("$or", new BsonArray { MongoDbRuleExpressions.IsNull(column), outside });
        }

        stages.Add(new BsonDocument("$match", new BsonDocument("$expr", new BsonDocument("$or", new BsonArray { behind, outside }))));
        return stages;
    }

    // The order field, the value in the expected direction, then the key, so fully tied documents keep one order in every engine.
    private static BsonDocument SortBy(RuleModel rule, string key)
    {
        var sort = new BsonDocument { { rule.OrderColumn!, 1 } };
        sort[rule.Column!] = rule.Decreasing ? -1 : 1;
        if (!sort.Contains(key))
        {
            sort[key] = 1;
        }

        return sort;
    }

    /// <summary>The branch counting the violating documents into <c>{ v }</c>.</summary>
    public static BsonArray? Count(RuleModel rule, string key, DateTimeOffset now, out string? error)
    {
        var stages = Violating(rule, key, now, out error);
        stages?.Add(new BsonDocument("$group", new BsonDocument { { "_id", BsonNull.Value }, { "v", new BsonDocument("$sum", 1) } }));
        return stages;
    }
}
