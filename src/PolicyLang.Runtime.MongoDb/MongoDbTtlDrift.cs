using MongoDB.Bson;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>How a collection's TTL indexes compare with the declared retention.</summary>
public enum MongoDbTtlStatus
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
public sealed record MongoDbTtlDrift(MongoDbTtlStatus Status, string Declared, string Actual, BsonDocument? Command);
