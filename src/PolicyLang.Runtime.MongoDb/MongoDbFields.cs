using MongoDB.Bson;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>Field paths and literals as they may appear in a pipeline: validated paths, and literals that can never be read as expressions.</summary>
internal static class MongoDbFields
{
    /// <summary>
    /// True when <paramref name="path"/> is a plain dotted field path. A segment starting with <c>$</c> would be read by
    /// MongoDB as an operator or variable (e.g. <c>$$ROOT</c>), so such a column is refused rather than interpreted.
    /// </summary>
    public static bool IsValidPath(string? path) =>
        !string.IsNullOrEmpty(path) && path.Split('.').All(s => s.Length > 0 && s[0] != '$' && !s.Contains('\0', StringComparison.Ordinal));

    /// <summary>The aggregation expression that reads <paramref name="path"/> (<c>"$a.b"</c>).</summary>
    public static BsonString Ref(string path) => new("$" + path);

    /// <summary>
    /// A rule operand as BSON. Strings are wrapped in <c>$literal</c> because an aggregation expression reads a string starting
    /// with <c>$</c> as a field path: <c>in ["$secret"]</c> must compare with the text, not with another field.
    /// </summary>
    public static BsonValue Literal(object? value) => value switch
    {
        string s => new BsonDocument("$literal", s),
        _ => Plain(value),
    };

    /// <summary>A rule operand as a plain BSON value (for query filters and inside <c>$literal</c> arrays).</summary>
    public static BsonValue Plain(object? value) => value switch
    {
        null => BsonNull.Value,
        string s => new BsonString(s),
        long l => new BsonInt64(l),
        int i => new BsonInt32(i),
        double d => new BsonDouble(d),
        float f => new BsonDouble(f),
        decimal m => new BsonDecimal128(m),
        bool b => BsonBoolean.Create(b),
        // BSON dates keep milliseconds; the cutoff is truncated the same way on every run.
        DateTimeOffset d => new BsonDateTime(d.UtcDateTime),
        DateTime d => new BsonDateTime(Checks.Values.AsUtc(d)),
        _ => new BsonString(Checks.Values.ToInvariantString(value)),
    };

    /// <summary>
    /// Collapses paths so none is a prefix of another (<c>a</c> and <c>a.b</c> → <c>a</c>): a projection naming both is a
    /// "path collision" error on MongoDB 4.4+.
    /// </summary>
    public static IReadOnlyList<string> Collapse(IEnumerable<string> paths)
    {
        var sorted = paths.Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var kept = new List<string>();
        foreach (var p in sorted)
        {
            if (!kept.Any(k => p.StartsWith(k + ".", StringComparison.Ordinal)))
            {
                kept.Add(p);
            }
        }

        return kept;
    }

    /// <summary>The value at dotted <paramref name="path"/> of <paramref name="document"/>, or null when any segment is missing.</summary>
    public static BsonValue? Get(BsonDocument document, string path)
    {
        BsonValue current = document;
        foreach (var segment in path.Split('.'))
        {
            if (current is not BsonDocument d || !d.TryGetValue(segment, out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }
}
