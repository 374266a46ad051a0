using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// BSON → .NET, for <c>csharp</c> predicates (the <c>dynamic</c> row) and samples. Chosen so predicates need no MongoDB types:
/// double → double; string → string; int32 → int; int64 → long; decimal128 → decimal (string when out of range);
/// bool → bool; date → DateTimeOffset (UTC); null, missing, undefined → null; objectId → 24 lower-case hex digits (string);
/// embedded document → IReadOnlyDictionary&lt;string, object?&gt; (recursively); array → object?[] (recursively);
/// binary UUID (subtype 4) → Guid; other binary → byte[]; timestamp → long (its raw 64-bit value);
/// regular expression → string <c>/pattern/options</c>; JavaScript → its code; minKey/maxKey → "MinKey"/"MaxKey".
/// </summary>
internal static class BsonMapping
{
    /// <summary>The .NET value of <paramref name="value"/> (see the type's summary for the mapping).</summary>
    public static object? ToDotNet(BsonValue? value) => value switch
    {
        null or BsonNull or BsonUndefined => null,
        BsonDouble d => d.Value,
        BsonString s => s.Value,
        BsonInt32 i => i.Value,
        BsonInt64 l => l.Value,
        BsonDecimal128 m => Decimal(m),
        BsonBoolean b => b.Value,
        BsonDateTime t => t.IsValidDateTime ? new DateTimeOffset(t.ToUniversalTime(), TimeSpan.Zero) : t.MillisecondsSinceEpoch,
        BsonObjectId o => o.Value.ToString(),
        BsonDocument doc => doc.Elements.ToDictionary(e => e.Name, e => ToDotNet(e.Value), StringComparer.Ordinal),
        BsonArray a => a.Select(ToDotNet).ToArray(),
        BsonBinaryData { SubType: BsonBinarySubType.UuidStandard } g => g.ToGuid(GuidRepresentation.Standard),
        BsonBinaryData bin => bin.Bytes,
        BsonTimestamp ts => ts.Value,
        BsonRegularExpression re => $"/{re.Pattern}/{re.Options}",
        BsonJavaScript js => js.Code,
        BsonMinKey => "MinKey",
        BsonMaxKey => "MaxKey",
        _ => value.ToString(),
    };

    /// <summary>A document as a row: top-level fields mapped by <see cref="ToDotNet"/>.</summary>
    public static Dictionary<string, object?> ToRow(BsonDocument document) =>
        document.Elements.ToDictionary(e => e.Name, e => ToDotNet(e.Value), StringComparer.Ordinal);

    /// <summary>
    /// The canonical Extended JSON (v2) of <paramref name="document"/>, one line: lossless for every BSON type
    /// (int32/int64/decimal keep their type, dates keep milliseconds), the archive's form of a document.
    /// </summary>
    public static string ToCanonicalJson(BsonDocument document) =>
        document.ToJson(new JsonWriterSettings { OutputMode = JsonOutputMode.CanonicalExtendedJson, Indent = false });

    private static object Decimal(BsonDecimal128 m)
    {
        try { return Decimal128.ToDecimal(m.Value); }
        catch (OverflowException) { return m.Value.ToString(); }
    }
}
