using System.Globalization;
using MongoDB.Bson;
using MongoDB.Driver;
using PolicyLang.Runtime.History;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>History records as MongoDB documents with the schema's field names (docs/history.md "Schema"), and the query's filter.</summary>
internal static class MongoDbHistoryDocuments
{
    public static BsonDocument ToDocument(HistoryRecord r, DateTimeOffset recordedAt)
    {
        // A client-generated ObjectId grows with time: the stored order.
        var document = new BsonDocument { { "_id", ObjectId.GenerateNewId() } };
        var values = HistoryColumns.Values(r);
        for (var i = 0; i < values.Length; i++)
        {
            document.Add(HistoryColumns.All[i], values[i] switch
            {
                null => BsonNull.Value,
                DateTimeOffset t => new BsonDateTime(t.UtcDateTime),
                long n => new BsonInt64(n),
                double d => new BsonDouble(d),
                var v => new BsonString(Convert.ToString(v, CultureInfo.InvariantCulture)),
            });
        }

        document.Add("recorded_at", new BsonDateTime(recordedAt.UtcDateTime));
        return document;
    }

    public static HistoryRecord FromDocument(BsonDocument d) =>
        HistoryFields.Read(new DateTimeOffset(d["run_at"].ToUniversalTime(), TimeSpan.Zero),
            name => d.TryGetValue(name, out var v) && v.IsString ? v.AsString : null,
            name => d.TryGetValue(name, out var v) && v.IsNumeric ? v.ToInt64() : 0,
            name => d.TryGetValue(name, out var v) && v.IsNumeric ? v.ToDouble() : null);

    /// <summary>The server-side filter of <paramref name="query"/>: the policy, the time, and (run records always kept) the dataset and rule.</summary>
    public static FilterDefinition<BsonDocument> Filter(HistoryQuery query)
    {
        var f = Builders<BsonDocument>.Filter;
        var parts = new List<FilterDefinition<BsonDocument>> { f.Eq("policy", query.Policy) };
        if (query.Since is { } since)
        {
            parts.Add(f.Gte("run_at", since.UtcDateTime));
        }

        var narrow = new List<FilterDefinition<BsonDocument>>();
        if (query.Dataset is { } dataset)
        {
            narrow.Add(f.Eq("dataset", dataset));
        }

        if (query.Rule is { } rule)
        {
            narrow.Add(f.Eq("rule", rule));
        }

        if (narrow.Count > 0)
        {
            parts.Add(f.Or(f.Eq("entry", HistoryEntry.Run), f.And(narrow)));
        }

        return f.And(parts);
    }
}
