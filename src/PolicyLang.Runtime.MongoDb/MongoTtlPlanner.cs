using MongoDB.Bson;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>The TTL index that enforces a dataset's <c>retain ... then delete</c> inside MongoDB.</summary>
/// <param name="Collection">The collection.</param>
/// <param name="Field">The retention field (a BSON date; TTL ignores documents where it is not).</param>
/// <param name="ExpireAfterSeconds">The declared window in seconds.</param>
/// <param name="Name">The index name PolicyLang uses.</param>
public sealed record MongoTtlIndexPlan(string Collection, string Field, long ExpireAfterSeconds, string Name)
{
    /// <summary>The <c>createIndexes</c> command that creates the index (the window as a 32-bit integer, as the server stores it).</summary>
    public BsonDocument CreateCommand() => new()
    {
        { "createIndexes", Collection },
        { "indexes", new BsonArray { new BsonDocument { { "key", new BsonDocument(Field, 1) }, { "name", Name }, { "expireAfterSeconds", checked((int)ExpireAfterSeconds) } } } },
    };

    /// <summary>The <c>collMod</c> command that changes an existing TTL index on <see cref="Field"/> to this window.</summary>
    public BsonDocument UpdateCommand() => new()
    {
        { "collMod", Collection },
        { "index", new BsonDocument { { "keyPattern", new BsonDocument(Field, 1) }, { "expireAfterSeconds", checked((int)ExpireAfterSeconds) } } },
    };
}

/// <summary>How a collection's TTL indexes compare with the declared retention.</summary>
public enum MongoTtlStatus
{
    /// <summary>The declared retention cannot be a TTL index (it archives, anonymizes, or uses calendar months/years).</summary>
    NotApplicable,
    /// <summary>The TTL index exists with the declared window.</summary>
    InSync,
    /// <summary>No TTL index on the retention field.</summary>
    Missing,
    /// <summary>A TTL index exists on the field with another window.</summary>
    Different,
    /// <summary>A TTL index deletes documents although the policy archives or anonymizes them first: it bypasses the archive.</summary>
    Unexpected,
}

/// <summary>The outcome of comparing declared retention with live indexes; <see cref="Command"/> is what <c>--apply</c> runs (null when nothing).</summary>
public sealed record MongoTtlDrift(MongoTtlStatus Status, string Declared, string Actual, BsonDocument? Command);

/// <summary>
/// Plans TTL indexes and compares them with a collection's indexes. Pure: <c>policyc plan</c> prints the plan and the
/// store feeds it <c>listIndexes</c> output for drift and <c>--apply</c>.
/// </summary>
public static class MongoTtlPlanner
{
    /// <summary>
    /// The TTL index for <paramref name="dataset"/>, or null (with <paramref name="reason"/>) when its retention cannot be one:
    /// only <c>retain d by field then delete</c> without an archive step qualifies (a TTL index deletes without archiving),
    /// and only with a fixed-length window (minutes to weeks; months and years vary in length).
    /// </summary>
    public static MongoTtlIndexPlan? Plan(DatasetModel dataset, out string? reason)
    {
        reason = null;
        var retention = dataset.Retention;
        if (retention is null) { reason = "no retention is declared"; return null; }
        if (retention.ArchiveStore is not null) { reason = "retention archives before deleting; a TTL index would delete without an archive"; return null; }
        if (retention.Action != "delete") { reason = $"retention {retention.Action}s documents; a TTL index can only delete"; return null; }
        if (retention.ByColumn is not { } field || !MongoFields.IsValidPath(field)) { reason = "retention names no addressable date field"; return null; }
        long? unit = retention.Window.Unit switch
        {
            DurationUnit.Minute => 60,
            DurationUnit.Hour => 3600,
            DurationUnit.Day => 86_400,
            DurationUnit.Week => 604_800,
            _ => null,
        };
        if (unit is null) { reason = $"a window of {retention.Window} has no fixed length in seconds"; return null; }
        var seconds = unit.Value * retention.Window.Amount;
        // MongoDB stores expireAfterSeconds as a 32-bit integer.
        if (seconds > int.MaxValue) { reason = $"a window of {retention.Window} exceeds the largest TTL MongoDB accepts"; return null; }
        return new MongoTtlIndexPlan(dataset.Location, field, seconds, "policylang_ttl_" + field.Replace('.', '_'));
    }

    /// <summary>Compares <paramref name="dataset"/>'s declared retention with <paramref name="indexes"/> (documents of <c>listIndexes</c>).</summary>
    public static MongoTtlDrift Compare(DatasetModel dataset, IReadOnlyList<BsonDocument> indexes)
    {
        var ttl = indexes.Where(i => i.Contains("expireAfterSeconds")).ToList();
        var plan = Plan(dataset, out var reason);
        if (plan is null)
        {
            var existing = ttl.FirstOrDefault();
            // A TTL index on a collection whose rows must be archived first silently breaks archive-before-delete.
            return existing is not null && dataset.Retention is { } r && (r.ArchiveStore is not null || r.Action != "delete")
                ? new MongoTtlDrift(MongoTtlStatus.Unexpected, $"no TTL index ({reason})", Describe(existing), null)
                : new MongoTtlDrift(MongoTtlStatus.NotApplicable, reason ?? "", ttl.Count == 0 ? "no TTL index" : Describe(ttl[0]), null);
        }
        var declared = $"TTL index on '{plan.Field}' expiring after {plan.ExpireAfterSeconds} s ({dataset.Retention!.Window})";
        var onField = ttl.FirstOrDefault(i => i.GetValue("key", new BsonDocument()) is BsonDocument k && k.ElementCount == 1 && k.GetElement(0).Name == plan.Field);
        if (onField is null) return new MongoTtlDrift(MongoTtlStatus.Missing, declared, "no TTL index", plan.CreateCommand());
        var actual = onField["expireAfterSeconds"].ToInt64();
        return actual == plan.ExpireAfterSeconds
            ? new MongoTtlDrift(MongoTtlStatus.InSync, declared, Describe(onField), null)
            : new MongoTtlDrift(MongoTtlStatus.Different, declared, Describe(onField), plan.UpdateCommand());
    }

    private static string Describe(BsonDocument index)
    {
        var key = index.GetValue("key", new BsonDocument()) is BsonDocument k && k.ElementCount > 0 ? k.GetElement(0).Name : "?";
        return $"TTL index '{index.GetValue("name", "?")}' on '{key}' expiring after {index["expireAfterSeconds"].ToInt64()} s";
    }
}
