using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// Keys cross the retention protocol as invariant strings. A MongoDB <c>_id</c> may be any BSON type, and "5", 5 and
/// ObjectId("...") must stay distinct, so a key's text is the canonical Extended JSON of its value
/// (<c>{"$oid":"..."}</c>, <c>{"$numberInt":"5"}</c>, <c>"text"</c>), which decodes back to the exact BSON value to delete by.
/// </summary>
internal static class MongoDbKeys
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
