using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public async Task<AccessChanges> PlanAccessAsync(DatasetModel dataset, CancellationToken ct) =>
        Describe(await PostgresAccess.PlanAsync(this, dataset, ct).ConfigureAwait(false));

    /// <inheritdoc />
    /// <remarks>Delegates to <see cref="PostgresAccess.ApplyAsync"/>: GRANT/REVOKE and the masked view in one transaction, audited.</remarks>
    public async Task<AccessChanges> ApplyAccessAsync(DatasetModel dataset, IAuditSink? audit, CancellationToken ct) =>
        Describe(await PostgresAccess.ApplyAsync(this, dataset, audit, ct).ConfigureAwait(false));

    private static AccessChanges Describe(AccessResult result) =>
        new(result.Statements, result.Changes.Count(c => c.Grant), result.Changes.Count(c => !c.Grant), result.MaskedView);
}
