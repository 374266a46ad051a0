using MongoDB.Bson;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// An aggregate expectation as one accumulator of the check pipeline's <c>$group</c> and, where the accumulator alone is not the
/// value, one field of the <c>$set</c> after it: the same definitions as the SQL stores (docs/language.md "Aggregate expectations").
/// Numeric aggregates take only numbers that are not NaN (a NaN is below −∞ in BSON order, so <c>$gte −∞</c> excludes it); quantiles
/// are exact and continuous over the sorted values (<c>$sortArray</c>, MongoDB 5.2+), not the approximate <c>$percentile</c>.
/// </summary>
internal static class MongoDbAggregates
{
    /// <summary>The <c>$group</c> accumulator of <paramref name="rule"/>.</summary>
    public static BsonDocument Accumulator(RuleModel rule)
    {
        var path = rule.Column!;
        return rule.Function switch
        {
            AggregateFunction.Mean => new BsonDocument("$avg", Number(path)),
            AggregateFunction.Min => new BsonDocument("$min", Number(path)),
            AggregateFunction.Max => new BsonDocument("$max", Number(path)),
            AggregateFunction.Sum => new BsonDocument("$sum", Number(path)),
            AggregateFunction.StdDev => new BsonDocument("$stdDevSamp", Number(path)),
            AggregateFunction.Median or AggregateFunction.Quantile => new BsonDocument("$push", Number(path)),
            AggregateFunction.CountDistinct => new BsonDocument("$addToSet", MongoDbFields.Ref(path)),
            AggregateFunction.NullFraction => new BsonDocument("$sum", new BsonDocument("$cond", new BsonArray { MongoDbRuleExpressions.IsNull(path), 1, 0 })),
            _ => throw new RunException($"rule '{rule.Name}' has no aggregate function"),
        };
    }

    /// <summary>
    /// The accumulators <paramref name="rule"/> needs beside its own, by field: a <c>stddev</c> counts its values, so fewer than two give
    /// no value on every server and in every emulator (implementations differ: null, 0 or NaN).
    /// </summary>
    public static IEnumerable<(string Field, BsonDocument Accumulator)> Companions(RuleModel rule, string field)
    {
        if (rule.Function == AggregateFunction.StdDev)
        {
            yield return (field + "_n", new BsonDocument("$sum", new BsonDocument("$cond", new BsonArray { IsNumber(rule.Column!), 1, 0 })));
        }
    }

    /// <summary>The <c>$set</c> expression finishing the accumulated <paramref name="field"/> into the observed value, or null when it already is.</summary>
    public static BsonValue? Finish(RuleModel rule, string field, string total) => rule.Function switch
    {
        AggregateFunction.Median => Quantile("$" + field, 0.5),
        AggregateFunction.Quantile => Quantile("$" + field, rule.Probability!.Value),
        AggregateFunction.StdDev => new BsonDocument("$cond", new BsonArray
        {
            new BsonDocument("$lt", new BsonArray { "$" + field + "_n", 2 }), BsonNull.Value, "$" + field,
        }),
        AggregateFunction.CountDistinct => new BsonDocument("$size", NonNull("$" + field)),
        AggregateFunction.NullFraction => new BsonDocument("$cond", new BsonArray
        {
            new BsonDocument("$eq", new BsonArray { "$" + total, 0 }), 0.0, new BsonDocument("$divide", new BsonArray { "$" + field, "$" + total }),
        }),
        _ => null,
    };

    // The value when it is a number other than NaN, else null (which every accumulator above skips).
    private static BsonDocument Number(string path) => new("$cond", new BsonArray { IsNumber(path), MongoDbFields.Ref(path), BsonNull.Value });

    private static BsonDocument IsNumber(string path) => new("$and", new BsonArray
    {
        new BsonDocument("$isNumber", MongoDbFields.Ref(path)),
        new BsonDocument("$gte", new BsonArray { MongoDbFields.Ref(path), double.NegativeInfinity }),
    });

    private static BsonDocument NonNull(string array) => new("$filter", new BsonDocument
    {
        { "input", array }, { "cond", new BsonDocument("$ne", new BsonArray { "$$this", BsonNull.Value }) },
    });

    // Continuous quantile: at position p(n − 1) of the sorted values, interpolated linearly between its two neighbours; null for no value.
    private static BsonDocument Quantile(string array, double p)
    {
        var sorted = new BsonDocument("$sortArray", new BsonDocument { { "input", NonNull(array) }, { "sortBy", 1 } });
        var position = new BsonDocument("$multiply", new BsonArray { p, new BsonDocument("$subtract", new BsonArray { new BsonDocument("$size", "$$s"), 1 }) });
        var at = (string index) => new BsonDocument("$arrayElemAt", new BsonArray { "$$s", index });
        var interpolated = new BsonDocument("$add", new BsonArray
        {
            at("$$lo"),
            new BsonDocument("$multiply", new BsonArray
            {
                new BsonDocument("$subtract", new BsonArray { at("$$hi"), at("$$lo") }),
                new BsonDocument("$subtract", new BsonArray { "$$pos", "$$lo" }),
            }),
        });
        return new BsonDocument("$let", new BsonDocument
        {
            { "vars", new BsonDocument("s", sorted) },
            {
                "in", new BsonDocument("$cond", new BsonArray
                {
                    new BsonDocument("$eq", new BsonArray { new BsonDocument("$size", "$$s"), 0 }),
                    BsonNull.Value,
                    new BsonDocument("$let", new BsonDocument
                    {
                        { "vars", new BsonDocument("pos", position) },
                        {
                            "in", new BsonDocument("$let", new BsonDocument
                            {
                                {
                                    "vars", new BsonDocument
                                    {
                                        { "lo", new BsonDocument("$floor", "$$pos") }, { "hi", new BsonDocument("$ceil", "$$pos") },
                                    }
                                },
                                { "in", interpolated },
                            })
                        },
                    }),
                })
            },
        });
    }
}
