using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Stores;

/// <summary>
/// Optional: a store that can bring a dataset's access in line with the policy — its declared <c>grant</c>s and the masked
/// view of its <c>mask</c>s (postgres). The runner calls it for <c>policyc run --apply</c>; what it would change is the
/// grant and mask drift <see cref="IDataStore.CheckSchemaAsync"/> reports.
/// </summary>
public interface IAccessStore : IStore
{
    /// <summary>The statements that would bring <paramref name="dataset"/>'s access in line, without running them (dry runs).</summary>
    Task<AccessChanges> PlanAccessAsync(DatasetModel dataset, CancellationToken ct);

    /// <summary>
    /// Runs the statements of <see cref="PlanAccessAsync"/> in one transaction (all or nothing) and, when something changed,
    /// appends an <c>access</c> record to <paramref name="audit"/>. Returns what it ran.
    /// </summary>
    Task<AccessChanges> ApplyAccessAsync(DatasetModel dataset, IAuditSink? audit, CancellationToken ct);
}

/// <summary>What bringing a dataset's access in line runs (or would run).</summary>
/// <param name="Statements">The statements, in order; empty when access already matches the policy.</param>
/// <param name="Granted">Privileges granted (declared but missing).</param>
/// <param name="Revoked">Privileges revoked (present but not declared).</param>
/// <param name="MaskedView">The masked view (re)created, when it had drifted.</param>
public sealed record AccessChanges(IReadOnlyList<string> Statements, int Granted, int Revoked, string? MaskedView);
