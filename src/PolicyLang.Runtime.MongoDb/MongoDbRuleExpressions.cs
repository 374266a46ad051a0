using MongoDB.Bson;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// The violation of one row-level rule as an aggregation expression over one document. Shared by the check pipeline
/// (<c>$sum</c> of <c>$cond</c>) and by samples (<c>find</c> with <c>$expr</c>), so counts and samples never disagree.
/// </summary>
internal static class MongoDbRuleExpressions
{
    private static readonly BsonArray NullTypes = ["missing", "null", "undefined"];

    // $toString accepts these; anything else (arrays, documents, binary) cannot match a pattern and violates.
    private static readonly BsonArray TextTypes = ["string", "int", "long", "double", "decimal", "bool", "objectId"];

    /// <summary>True for kinds decided by one document alone (these share the one <c>$group</c>).</summary>
    public static bool IsRowLevel(RuleKind kind) =>
        kind is RuleKind.NotNull or RuleKind.Between or RuleKind.In or RuleKind.Matches or RuleKind.Compare or RuleKind.FresherThan
            or RuleKind.Condition;

    /// <summary>
    /// True when the field is absent, null or undefined: <c>or null</c> treats a missing field exactly like an explicit null,
    /// and <c>$type</c> is the one operator that tells all three apart from a value.
    /// </summary>
    public static BsonDocument IsNull(string path) =>
        new("$in", new BsonArray { new BsonDocument("$type", MongoDbFields.Ref(path)), NullTypes });

    /// <summary>
    /// The expression that is true when a document violates <paramref name="rule"/>; null with <paramref name="error"/> when the rule
    /// cannot be expressed. Without <c>or null</c> a null or missing value violates; with it, it never does.
    /// </summary>
    public static BsonValue? Violation(RuleModel rule, DateTimeOffset now, out string? error)
    {
        var own = OwnViolation(rule, now, out error);
        if (error is not null || (rule.Where is null && rule.Kind != RuleKind.Condition))
        {
            return own;
        }

        if (MongoDbConditions.InvalidPath(rule) is { } invalid)
        {
            error = $"field path '{invalid}' cannot be addressed in MongoDB (empty segment or a segment starting with '$')";
            return null;
        }

        if (MongoDbShapes.Unsupported(rule) is { } unsupported)
        {
            error = unsupported;
            return null;
        }

        return MongoDbConditions.Violation(rule, own, now);
    }

    /// <summary>True when the field's value has a type <c>$toString</c> accepts.</summary>
    public static BsonDocument Textual(string path) =>
        new("$in", new BsonArray { new BsonDocument("$type", MongoDbFields.Ref(path)), TextTypes });

    // The violation of a rule of a kind other than Condition, before its `where`; null for a condition.
    private static BsonValue? OwnViolation(RuleModel rule, DateTimeOffset now, out string? error)
    {
        error = null;
        if (rule.Kind == RuleKind.Condition)
        {
            return null;
        }

        if (rule.Column is not { } path || !MongoDbFields.IsValidPath(path))
        {
            error = $"field path '{rule.Column}' cannot be addressed in MongoDB (empty segment or a segment starting with '$')";
            return null;
        }

        var holds = Holds(rule, path, now, out error);
        if (holds is null)
        {
            return null;
        }

        if (holds == BsonBoolean.True)
        {
            return rule.OrNull ? BsonBoolean.False : IsNull(path);
        }

        var broken = new BsonDocument("$not", new BsonArray { holds });
        return rule.OrNull
            ? new BsonDocument("$and", new BsonArray { new BsonDocument("$not", new BsonArray { IsNull(path) }), broken })
            : new BsonDocument("$or", new BsonArray { IsNull(path), broken });
    }

    /// <summary>True when the document's value is inside the <c>fresher than</c> window (a BSON date at or after now − d).</summary>
    public static BsonDocument Fresh(RuleModel rule, DateTimeOffset now) =>
        And(TypeIs("date", rule.Column!), Op("$gte", rule.Column!, RuleSemantics.Cutoff(rule, now)));

    private static BsonValue? Holds(RuleModel rule, string path, DateTimeOffset now, out string? error)
    {
        error = null;
        switch (rule.Kind)
        {
            case RuleKind.NotNull:
                return BsonBoolean.True;
            case RuleKind.Between:
                return And(TypeOf(rule.Args[0], path), Op("$gte", path, rule.Args[0]), Op("$lte", path, rule.Args[1]));
            case RuleKind.In:
                if (rule.Args.Count == 0)
                {
                    return BsonBoolean.False;
                }
                // $in compares numbers numerically across int/long/double and never equates "1" with 1.
                var allowed = new BsonArray(rule.Args.Select(MongoDbFields.Plain));
                return new BsonDocument("$in", new BsonArray { MongoDbFields.Ref(path), new BsonDocument("$literal", allowed) });
            case RuleKind.Matches:
                // $regexMatch throws on a non-string input; $cond (not $and) guarantees it only ever sees text.
                var match = new BsonDocument("$regexMatch", new BsonDocument
                {
                    { "input", new BsonDocument("$toString", MongoDbFields.Ref(path)) },
                    { "regex", MongoDbFields.Literal(PortableRegex.ForEngine((string)rule.Args[0]!, RegexDialect.Pcre)) },
                });
                var textual = new BsonDocument("$in", new BsonArray { new BsonDocument("$type", MongoDbFields.Ref(path)), TextTypes });
                return new BsonDocument("$cond", new BsonArray { textual, match, false });
            case RuleKind.Compare:
                var op = rule.Operator switch
                {
                    CompareOperator.GreaterThan => "$gt",
                    CompareOperator.LessThan => "$lt",
                    CompareOperator.GreaterOrEqual => "$gte",
                    CompareOperator.LessOrEqual => "$lte",
                    CompareOperator.Equal => "$eq",
                    CompareOperator.NotEqual => "$ne",
                    _ => null,
                };
                if (op is null) { error = "a compare rule has no operator"; return null; }
                // MongoDB orders NaN below every number, so NaN < 5 would hold; in the language NaN is unordered (only != holds).
                return op is "$lt" or "$lte" && rule.Args[0] is long or double
                    ? And(TypeOf(rule.Args[0], path), Op(op, path, rule.Args[0]), Op("$ne", path, double.NaN))
                    : And(TypeOf(rule.Args[0], path), Op(op, path, rule.Args[0]));
            case RuleKind.FresherThan:
                return Fresh(rule, now);
            default:
                error = $"rule kind '{rule.Kind}' is not a per-document rule";
                return null;
        }
    }

    /// <summary>
    /// Type-aware comparison: BSON orders every number before every string, so without this <c>"abc" &gt; 5</c> would hold.
    /// The operand's type decides which BSON types can satisfy the rule; any other type violates.
    /// </summary>
    internal static BsonDocument TypeOf(object? operand, string path) => operand switch
    {
        string => TypeIs("string", path),
        DateTimeOffset or DateTime => TypeIs("date", path),
        bool => TypeIs("bool", path),
        _ => new BsonDocument("$isNumber", MongoDbFields.Ref(path)),
    };

    private static BsonDocument TypeIs(string type, string path) =>
        new("$eq", new BsonArray { new BsonDocument("$type", MongoDbFields.Ref(path)), type });

    private static BsonDocument Op(string op, string path, object? operand) =>
        new(op, new BsonArray { MongoDbFields.Ref(path), MongoDbFields.Literal(operand) });

    private static BsonDocument And(params BsonValue[] terms) => new("$and", new BsonArray(terms));
}
