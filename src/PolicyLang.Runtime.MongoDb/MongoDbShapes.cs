using MongoDB.Bson;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// <c>length(x)</c> and <c>x parses as ...</c> as aggregation expressions, the same tests as <see cref="ValueShapes"/>: a portable regex,
/// then (inside <c>$cond</c>, so <c>$toInt</c> only ever sees digits) each date field's range. MongoDB has no JSON parser in a pipeline, so
/// <c>parses as json</c> is a rule error there.
/// </summary>
internal static class MongoDbShapes
{
    /// <summary>Why <paramref name="rule"/> cannot be evaluated in a pipeline, or null.</summary>
    public static string? Unsupported(RuleModel rule) =>
        Parses(rule.Condition).Concat(Parses(rule.Where)).Any(p => p.Format == ParseFormat.Json)
            ? "`parses as json` cannot be evaluated by MongoDB: its aggregation pipeline has no JSON parser (store JSON as documents, or check it where it is written)"
            : null;

    /// <summary>The length in code points of the field's text (<c>$strLenCP</c>); null for a value <c>$toString</c> does not accept.</summary>
    public static BsonValue Length(LengthOperand operand) =>
        new BsonDocument("$cond", new BsonArray
        {
            MongoDbRuleExpressions.Textual(operand.Column),
            new BsonDocument("$strLenCP", new BsonDocument("$toString", MongoDbFields.Ref(operand.Column))),
            BsonNull.Value,
        });

    /// <summary>"The (non-null) field's text parses".</summary>
    public static BsonValue Parses(ParsesCondition c) => c.Format switch
    {
        ParseFormat.Number => MongoDbConditions.Search(c.Column, ValueShapes.NumberPattern),
        ParseFormat.Json => throw new ArgumentException("parses as json has no MongoDB expression", nameof(c)),
        _ => Date(c.Column, DatePattern.Parse(c.Pattern ?? "yyyy-MM-dd", out var problem) ?? throw new ArgumentException(problem, nameof(c))),
    };

    private static BsonValue Date(string column, DatePattern pattern)
    {
        BsonValue Field(DateField f) => new BsonDocument("$toInt", new BsonDocument("$substrCP", new BsonArray
        {
            new BsonDocument("$toString", MongoDbFields.Ref(column)), f.Start, f.Length,
        }));
        var checks = pattern.Fields.Select(f => (BsonValue)MongoDbConditions.And(
            new BsonDocument("$gte", new BsonArray { Field(f), f.Min }), new BsonDocument("$lte", new BsonArray { Field(f), f.Max }))).ToList();
        if (pattern.Field("dd") is { } day && pattern.Field("MM") is { } month)
        {
            BsonValue february = 29;
            if (pattern.Field("yyyy") is { } year)
            {
                BsonValue Divides(int n) => new BsonDocument("$eq", new BsonArray { new BsonDocument("$mod", new BsonArray { Field(year), n }), 0 });
                var leap = new BsonDocument("$or", new BsonArray { MongoDbConditions.And(Divides(4), MongoDbConditions.Not(Divides(100))), Divides(400) });
                february = new BsonDocument("$cond", new BsonArray { leap, 29, 28 });
            }

            var last = new BsonDocument("$switch", new BsonDocument
            {
                { "branches", new BsonArray
                    {
                        new BsonDocument { { "case", new BsonDocument("$in", new BsonArray { Field(month), new BsonArray { 4, 6, 9, 11 } }) }, { "then", 30 } },
                        new BsonDocument { { "case", new BsonDocument("$eq", new BsonArray { Field(month), 2 }) }, { "then", february } },
                    }
                },
                { "default", 31 },
            });
            checks.Add(new BsonDocument("$lte", new BsonArray { Field(day), last }));
        }

        return new BsonDocument("$cond", new BsonArray { MongoDbConditions.Search(column, pattern.Regex), MongoDbConditions.And([.. checks]), false });
    }

    private static IEnumerable<ParsesCondition> Parses(RowCondition? condition) => condition switch
    {
        ParsesCondition p => [p],
        NotCondition n => Parses(n.Operand),
        AndCondition a => Parses(a.Left).Concat(Parses(a.Right)),
        OrCondition o => Parses(o.Left).Concat(Parses(o.Right)),
        _ => [],
    };
}
