using MongoDB.Bson;
using PolicyLang.Runtime.Checks;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// An incremental check's window (docs/incremental-checks.md) as a MongoDB query filter: plain query operators on the watermark field,
/// so an index on it bounds the scan. Watermarks are read back as BSON numbers (integers) or dates (instants, dates at midnight UTC).
/// </summary>
internal static class MongoDbWindow
{
    /// <summary>The filter selecting the documents of <paramref name="window"/>; null for every document.</summary>
    public static BsonDocument? Filter(CheckWindow? window)
    {
        if (window is null)
        {
            return null;
        }

        var field = window.Column;
        return (window.From, window.To) switch
        {
            (null, null) => null,
            (null, { } to) => new BsonDocument("$or", new BsonArray
            {
                new BsonDocument(field, new BsonDocument("$lte", Value(to))),
                new BsonDocument(field, BsonNull.Value),
            }),
            (_, null) => new BsonDocument("$expr", false),
            ({ } from, { } to) => new BsonDocument(field, new BsonDocument { { "$gt", Value(from) }, { "$lte", Value(to) } }),
        };
    }

    /// <summary>A watermark's canonical text as the BSON value the field holds.</summary>
    public static BsonValue Value(string text) => CheckWindow.Parse(text) switch
    {
        DateOnly date => new BsonDateTime(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
        var value => MongoDbFields.Plain(value),
    };

    /// <summary><paramref name="stages"/> preceded by the window's <c>$match</c> (unchanged for the whole collection).</summary>
    public static BsonDocument[] Within(CheckWindow? window, BsonDocument[] stages) =>
        Filter(window) is { } filter ? [new BsonDocument("$match", filter), .. stages] : stages;
}
