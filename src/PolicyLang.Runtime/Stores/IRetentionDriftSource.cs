using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Stores;

/// <summary>
/// Optional: a store that can also enforce retention itself (e.g. MongoDB TTL indexes) reports where its own mechanism
/// disagrees with the declared retention, and brings it in line for <c>policyc run --apply</c>. The runner adds the
/// findings to the dataset's schema drift; its own archive-then-delete runs either way.
/// </summary>
public interface IRetentionDriftSource : IStore
{
    /// <summary>Differences between <paramref name="dataset"/>'s declared retention and what the store enforces by itself.</summary>
    Task<IReadOnlyList<SchemaFinding>> CheckRetentionDriftAsync(DatasetModel dataset, CancellationToken ct);

    /// <summary>What bringing the store's own retention in line would run, without running it (dry runs).</summary>
    Task<NativeRetentionChange> PlanNativeRetentionAsync(DatasetModel dataset, CancellationToken ct);

    /// <summary>Runs the command of <see cref="PlanNativeRetentionAsync"/> and, when it ran, appends a <c>retention-index</c> record to <paramref name="audit"/>.</summary>
    Task<NativeRetentionChange> ApplyNativeRetentionAsync(DatasetModel dataset, IAuditSink? audit, CancellationToken ct);
}

/// <summary>The store's own retention against the declared one, and the command that brings it in line.</summary>
/// <param name="Finding">in-sync | missing | different | not-applicable | unexpected.</param>
/// <param name="Declared">What the policy asks the store to enforce.</param>
/// <param name="Actual">What the store enforces now.</param>
/// <param name="Command">The command run (or that would run); null when nothing is to be done or nothing may be done.</param>
/// <param name="Note">Why nothing may be done (a retention the store cannot enforce, or a mechanism that bypasses the archive).</param>
public sealed record NativeRetentionChange(string Finding, string Declared, string Actual, string? Command, string? Note);
