using MongoDB.Bson;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// Plans TTL indexes and compares them with a collection's indexes. Pure: <c>policyc plan</c> prints the plan and the
/// store feeds it <c>listIndexes</c> output for drift and <c>--apply</c>.
/// </summary>
public static class MongoDbNativeRetentionPlanner
{
    /// <summary>
    /// The TTL index for <paramref name="dataset"/>, or null (with <paramref name="reason"/>) when its retention cannot be one:
    /// only <c>retain d by field then delete</c> without an archive step qualifies (a TTL index deletes without archiving),
    /// and only with a fixed-length window (minutes to weeks; months and years vary in length).
    /// </summary>
    public static MongoDbTtlIndexPlan? Plan(DatasetModel dataset, out string? reason)
    {
        reason = null;
        var retention = dataset.Retention;
        if (retention is null) { reason = "no retention is declared"; return null; }

        if (retention.ArchiveStore is not null) { reason = "retention archives before deleting; a TTL index would delete without an archive"; return null; }

        if (retention.Action != "delete") { reason = $"retention {retention.Action}s documents; a TTL index can only delete"; return null; }

        if (retention.ByColumn is not { } field || !MongoDbFields.IsValidPath(field)) { reason = "retention names no addressable date field"; return null; }

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

        return new MongoDbTtlIndexPlan(dataset.Location, field, seconds, "policylang_ttl_" + field.Replace('.', '_'));
    }

    /// <summary>Compares <paramref name="dataset"/>'s declared retention with <paramref name="indexes"/> (documents of <c>listIndexes</c>).</summary>
    public static MongoDbTtlDrift Compare(DatasetModel dataset, IReadOnlyList<BsonDocument> indexes)
    {
        var ttl = indexes.Where(i => i.Contains("expireAfterSeconds")).ToList();
        var plan = Plan(dataset, out var reason);
        if (plan is null)
        {
            var existing = ttl.FirstOrDefault();
            // A TTL index on a collection whose rows must be archived first silently breaks archive-before-delete.
            return existing is not null && dataset.Retention is { } r && (r.ArchiveStore is not null || r.Action != "delete")
                ? new MongoDbTtlDrift(MongoDbTtlStatus.Unexpected, $"no TTL index ({reason})", Describe(existing), null)
                : new MongoDbTtlDrift(MongoDbTtlStatus.NotApplicable, reason ?? "", ttl.Count == 0 ? "no TTL index" : Describe(ttl[0]), null);
        }

        var declared = $"TTL index on '{plan.Field}' expiring after {plan.ExpireAfterSeconds} s ({dataset.Retention!.Window})";
        var onField = ttl.FirstOrDefault(i => i.GetValue("key", new BsonDocument()) is BsonDocument k && k.ElementCount == 1 && k.GetElement(0).Name == plan.Field);
        if (onField is null)
        {
            return new MongoDbTtlDrift(MongoDbTtlStatus.Missing, declared, "no TTL index", plan.CreateCommand());
        }

        var actual = onField["expireAfterSeconds"].ToInt64();
        return actual == plan.ExpireAfterSeconds
            ? new MongoDbTtlDrift(MongoDbTtlStatus.InSync, declared, Describe(onField), null)
            : new MongoDbTtlDrift(MongoDbTtlStatus.Different, declared, Describe(onField), plan.UpdateCommand());
    }

    private static string Describe(BsonDocument index)
    {
        var key = index.GetValue("key", new BsonDocument()) is BsonDocument k && k.ElementCount > 0 ? k.GetElement(0).Name : "?";
        return $"TTL index '{index.GetValue("name", "?")}' on '{key}' expiring after {index["expireAfterSeconds"].ToInt64()} s";
    }
}
