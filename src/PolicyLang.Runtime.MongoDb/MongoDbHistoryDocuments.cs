using MongoDB.Bson;
using MongoDB.Driver;
using PolicyLang.Runtime.History;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>History records as MongoDB documents with the schema's field names (docs/history.md "Schema"), and the query's filter.</summary>
internal static class MongoDbHistoryDocuments
{
    public static BsonDocument ToDocument(HistoryRecord r, DateTimeOffset recordedAt)
    {
        BsonValue Text(string? value) => value is null ? BsonNull.Value : new BsonString(value);
        return new BsonDocument
        {
            // A client-generated ObjectId grows with time: the stored order.
            { "_id", ObjectId.GenerateNewId() },
            { "run_id", Text(r.RunId) },
            { "run_at", new BsonDateTime(r.RunAt.UtcDateTime) },
            { "policy", r.Policy },
            { "dataset", r.Dataset },
            { "entry", r.Entry },
            { "rule", r.Rule },
            { "kind", r.Kind },
            { "severity", r.Severity },
            { "status", r.Status },
            { "violations", r.Violations },
            { "total", r.Total },
            { "tolerance", r.Tolerance is { } t ? new BsonDouble(t) : BsonNull.Value },
            { "error", Text(r.Error) },
            { "details", Text(r.Details) },
            { "window_column", Text(r.WindowColumn) },
            { "window_from", Text(r.WindowFrom) },
            { "window_to", Text(r.WindowTo) },
            { "recorded_at", new BsonDateTime(recordedAt.UtcDateTime) },
        };
    }

    public static HistoryRecord FromDocument(BsonDocument d)
    {
        string? Text(string name) => d.TryGetValue(name, out var v) && v.IsString ? v.AsString : null;
        long Number(string name) => d.TryGetValue(name, out var v) && v.IsNumeric ? v.ToInt64() : 0;
        return new HistoryRecord
        {
            RunId = Text("run_id"),
            RunAt = new DateTimeOffset(d["run_at"].ToUniversalTime(), TimeSpan.Zero),
            Policy = Text("policy") ?? "",
            Dataset = Text("dataset") ?? "",
            Entry = Text("entry") ?? HistoryEntry.Rule,
            Rule = Text("rule") ?? "",
            Kind = Text("kind") ?? "",
            Severity = Text("severity") ?? "",
            Status = Text("status") ?? "",
            Violations = Number("violations"),
            Total = Number("total"),
            Tolerance = d.TryGetValue("tolerance", out var t) && t.IsNumeric ? t.ToDouble() : null,
            Error = Text("error"),
            Details = Text("details"),
            WindowColumn = Text("window_column"),
            WindowFrom = Text("window_from"),
            WindowTo = Text("window_to"),
        };
    }

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
