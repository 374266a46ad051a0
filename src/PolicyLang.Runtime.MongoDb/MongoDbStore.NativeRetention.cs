using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.MongoDb;

/// <summary><c>--apply</c> for a collection's TTL index (<see cref="MongoDbNativeRetentionPlanner"/>): created when missing, its window changed when different.</summary>
public sealed partial class MongoDbStore
{
    /// <inheritdoc />
    public async Task<NativeRetentionChange> PlanNativeRetentionAsync(DatasetModel dataset, CancellationToken ct) =>
        Change(await InspectTtlAsync(dataset, ct).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<NativeRetentionChange> ApplyNativeRetentionAsync(DatasetModel dataset, IAuditSink? audit, CancellationToken ct)
    {
        var drift = await ApplyTtlAsync(dataset, ct).ConfigureAwait(false);
        var change = Change(drift);
        if (change.Command is not null && audit is not null)
        {
            await audit.AppendAsync(new AuditEntry("retention-index", dataset.Name, $"{change.Finding}: {change.Command}",
                new Dictionary<string, long> { ["expireAfterSeconds"] = MongoDbNativeRetentionPlanner.Plan(dataset, out _)!.ExpireAfterSeconds }), DateTimeOffset.UtcNow, ct).ConfigureAwait(false);
        }

        return change;
    }

    private static NativeRetentionChange Change(MongoDbTtlDrift drift) => new(
        Finding(drift.Status), drift.Declared, drift.Actual, drift.Command?.ToString(),
        // Dropping someone's index is left to a person: it may serve another purpose than this policy's retention.
        drift.Status == MongoDbTtlStatus.Unexpected
            ? $"{drift.Actual} deletes documents without archiving them; drop it (db.<collection>.dropIndex) to keep archive-before-delete"
            : null);

    /// <summary>in-sync | missing | different | not-applicable | unexpected (schema drift prefixes it with <c>ttl-</c>).</summary>
    internal static string Finding(MongoDbTtlStatus status) => status switch
    {
        MongoDbTtlStatus.InSync => "in-sync",
        MongoDbTtlStatus.NotApplicable => "not-applicable",
        _ => status.ToString().ToLowerInvariant(),
    };
}
