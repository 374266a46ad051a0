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
public static class BsonMapping
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

/// <summary>
/// Keys cross the retention protocol as invariant strings. A MongoDB <c>_id</c> may be any BSON type, and "5", 5 and
/// ObjectId("...") must stay distinct, so a key's text is the canonical Extended JSON of its value
/// (<c>{"$oid":"..."}</c>, <c>{"$numberInt":"5"}</c>, <c>"text"</c>), which decodes back to the exact BSON value to delete by.
/// </summary>
public static class MongoKeys
{
    private static readonly JsonWriterSettings Canonical = new() { OutputMode = JsonOutputMode.CanonicalExtendedJson, Indent = false };

    /// <summary>The key text of <paramref name="value"/>.</summary>
    public static string Encode(BsonValue value)
    {
        var json = new BsonDocument("k", value).ToJson(Canonical);
        // {"k" : <value>}: strip the wrapper so only the value's JSON remains.
        var colon = json.IndexOf(':', StringComparison.Ordinal);
        return json[(colon + 1)..^1].Trim();
    }

    /// <summary>The BSON value of key text produced by <see cref="Encode"/>.</summary>
    public static BsonValue Decode(string key) => BsonDocument.Parse("{\"k\":" + key + "}")["k"];
}
