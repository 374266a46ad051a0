using MongoDB.Bson;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// Row conditions (rule bodies of <see cref="RuleKind.Condition"/> and every rule's <c>where</c>) as aggregation expressions over one
/// document. Like the SQL stores, each condition is rendered as two definite expressions, <see cref="True"/> and <see cref="False"/>,
/// so three-valued logic matches <see cref="RowConditionEvaluator"/>: a missing, null or undefined field is unknown; values of
/// different BSON type classes do not compare (only <c>!=</c> holds); NaN is unordered (only <c>!=</c> holds).
/// </summary>
internal static class MongoDbConditions
{
    /// <summary>"This document violates <paramref name="rule"/>", given <paramref name="existing"/> (the violation of another kind, null for a condition), within its <c>where</c>.</summary>
    public static BsonValue Violation(RuleModel rule, BsonValue? existing, DateTimeOffset now)
    {
        var violation = rule.Condition is { } body
            ? rule.OrNull ? False(RowConditions.Resolve(body, now)) : Not(True(RowConditions.Resolve(body, now)))
            : existing ?? throw new ArgumentNullException(nameof(existing));
        return rule.Where is { } where ? And(True(RowConditions.Resolve(where, now)), violation) : violation;
    }

    /// <summary>The documents <paramref name="rule"/> applies to: inside its <c>where</c> and, with <c>or null</c>, with known values.</summary>
    public static BsonValue Applicable(RuleModel rule, DateTimeOffset now)
    {
        var terms = new List<BsonValue>();
        if (rule.Where is { } where)
        {
            terms.Add(True(RowConditions.Resolve(where, now)));
        }

        if (rule.OrNull && rule.Condition is { } body)
        {
            var resolved = RowConditions.Resolve(body, now);
            terms.Add(new BsonDocument("$or", new BsonArray { True(resolved), False(resolved) }));
        }
        else if (rule.OrNull && rule.Column is { } column)
        {
            terms.Add(Not(MongoDbRuleExpressions.IsNull(column)));
        }

        return terms.Count == 0 ? BsonBoolean.True : And([.. terms]);
    }

    /// <summary>The field paths <paramref name="rule"/>'s conditions read that MongoDB cannot address, if any.</summary>
    public static string? InvalidPath(RuleModel rule) =>
        RowConditions.Columns(rule.Condition).Concat(RowConditions.Columns(rule.Where)).FirstOrDefault(c => !MongoDbFields.IsValidPath(c));

    public static BsonValue True(RowCondition condition) => condition switch
    {
        CompareCondition c => Known(c, Compare(c)),
        InCondition c => c.Values.Count == 0 ? BsonBoolean.False : And(Not(MongoDbRuleExpressions.IsNull(c.Column)), In(c)),
        MatchesCondition c => And(Not(MongoDbRuleExpressions.IsNull(c.Column)), Matches(c)),
        IsNullCondition c => MongoDbRuleExpressions.IsNull(c.Column),
        ParsesCondition c => And(Not(MongoDbRuleExpressions.IsNull(c.Column)), MongoDbShapes.Parses(c)),
        NotCondition c => False(c.Operand),
        AndCondition c => And(True(c.Left), True(c.Right)),
        OrCondition c => new BsonDocument("$or", new BsonArray { True(c.Left), True(c.Right) }),
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.GetType().Name, "unknown row condition"),
    };

    public static BsonValue False(RowCondition condition) => condition switch
    {
        CompareCondition c => Known(c, Not(Compare(c))),
        InCondition c => c.Values.Count == 0 ? Not(MongoDbRuleExpressions.IsNull(c.Column)) : And(Not(MongoDbRuleExpressions.IsNull(c.Column)), Not(In(c))),
        MatchesCondition c => And(Not(MongoDbRuleExpressions.IsNull(c.Column)), Not(Matches(c))),
        IsNullCondition c => Not(MongoDbRuleExpressions.IsNull(c.Column)),
        ParsesCondition c => And(Not(MongoDbRuleExpressions.IsNull(c.Column)), Not(MongoDbShapes.Parses(c))),
        NotCondition c => True(c.Operand),
        AndCondition c => new BsonDocument("$or", new BsonArray { False(c.Left), False(c.Right) }),
        OrCondition c => And(False(c.Left), False(c.Right)),
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.GetType().Name, "unknown row condition"),
    };

    // Every side known (a literal null never is), then the comparison.
    private static BsonValue Known(CompareCondition c, BsonValue comparison)
    {
        if (c.Left is LiteralOperand { Value: null } || c.Right is LiteralOperand { Value: null })
        {
            return BsonBoolean.False;
        }

        var terms = new[] { c.Left, c.Right }.Select(RowConditions.OperandColumn).OfType<string>().Distinct(StringComparer.Ordinal)
            .Select(path => (BsonValue)Not(MongoDbRuleExpressions.IsNull(path))).ToList();
        terms.Add(comparison);
        return And([.. terms]);
    }

    /// <summary>
    /// The comparison of two known values. BSON orders every number before every string; here values of different type classes
    /// (numbers, text, dates, booleans) are simply not equal and not ordered. MongoDB orders NaN below every number and equal to
    /// itself; in the language NaN is unordered, so each side is guarded.
    /// </summary>
    private static BsonValue Compare(CompareCondition c)
    {
        var (left, right) = (Expression(c.Left), Expression(c.Right));
        var op = c.Operator switch
        {
            RowComparison.Equal => "$eq",
            RowComparison.NotEqual => "$ne",
            RowComparison.Less => "$lt",
            RowComparison.LessOrEqual => "$lte",
            RowComparison.Greater => "$gt",
            _ => "$gte",
        };
        var nans = new[] { c.Left, c.Right }.OfType<ColumnOperand>().Select(o => (BsonValue)new BsonDocument("$eq", new BsonArray { MongoDbFields.Ref(o.Column), double.NaN })).ToList();
        var sameClass = SameClass(c.Left, c.Right);
        var compared = new BsonDocument(op, new BsonArray { left, right });
        if (c.Operator == RowComparison.NotEqual)
        {
            return new BsonDocument("$or", new BsonArray(new[] { Not(sameClass), compared }.Concat(nans)));
        }

        return And([sameClass, compared, .. nans.Select(Not)]);
    }

    private static BsonValue SameClass(RowOperand left, RowOperand right) => (left, right) switch
    {
        (LengthOperand, _) or (_, LengthOperand) => BsonBoolean.True,
        (ColumnOperand l, ColumnOperand r) => new BsonDocument("$or", new BsonArray
        {
            And(new BsonDocument("$isNumber", MongoDbFields.Ref(l.Column)), new BsonDocument("$isNumber", MongoDbFields.Ref(r.Column))),
            new BsonDocument("$eq", new BsonArray { new BsonDocument("$type", MongoDbFields.Ref(l.Column)), new BsonDocument("$type", MongoDbFields.Ref(r.Column)) }),
        }),
        (ColumnOperand l, LiteralOperand r) => MongoDbRuleExpressions.TypeOf(r.Value, l.Column),
        (LiteralOperand l, ColumnOperand r) => MongoDbRuleExpressions.TypeOf(l.Value, r.Column),
        _ => BsonBoolean.True,
    };

    private static BsonValue Expression(RowOperand operand) => operand switch
    {
        ColumnOperand c => MongoDbFields.Ref(c.Column),
        LengthOperand l => MongoDbShapes.Length(l),
        LiteralOperand l => MongoDbFields.Literal(l.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(operand), operand.GetType().Name, "unresolved operand (now/today are resolved before rendering)"),
    };

    private static BsonDocument In(InCondition c) =>
        new("$in", new BsonArray { MongoDbFields.Ref(c.Column), new BsonDocument("$literal", new BsonArray(c.Values.Select(MongoDbFields.Plain))) });

    // $regexMatch throws on a non-string input; $cond guarantees it only ever sees text (other types do not match).
    private static BsonDocument Matches(MatchesCondition c) => Search(c.Column, c.Pattern);

    /// <summary>A search of the field's text for a portable pattern; a value <c>$toString</c> does not accept does not match.</summary>
    public static BsonDocument Search(string column, string pattern)
    {
        var match = new BsonDocument("$regexMatch", new BsonDocument
        {
            { "input", new BsonDocument("$toString", MongoDbFields.Ref(column)) },
            { "regex", MongoDbFields.Literal(PortableRegex.ForEngine(pattern, RegexDialect.Pcre)) },
        });
        return new BsonDocument("$cond", new BsonArray { MongoDbRuleExpressions.Textual(column), match, false });
    }

    public static BsonDocument Not(BsonValue value) => new("$not", new BsonArray { value });

    public static BsonDocument And(params BsonValue[] terms) => new("$and", new BsonArray(terms));
}
