using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Stores;

/// <summary>
/// Optional capability of an <see cref="IStoreProvider"/>: create, as an administrator, the governance objects runs of its
/// kind rely on (the audit log, the results history), so the runner's role needs no CREATE privilege and may append to the
/// audit log but never edit it. Used by <c>policyc init-db</c>.
/// </summary>
public interface IStoreInitializer
{
    /// <summary>The statements, in order, without connecting.</summary>
    /// <param name="store">One of the policy's stores, of this provider's kind.</param>
    /// <param name="runnerRole">The role policy runs connect as.</param>
    /// <param name="auditTable">The audit table (<c>schema.table</c>), or null for the store's default.</param>
    IReadOnlyList<string> InitStatements(StoreModel store, string runnerRole, string? auditTable);

    /// <summary>Runs <see cref="InitStatements"/> in one transaction, connected with <paramref name="adminConnection"/>; returns them.</summary>
    /// <param name="store">One of the policy's stores, of this provider's kind (its other settings, e.g. <c>tls</c>, still apply).</param>
    /// <param name="context">Resolves the store's settings.</param>
    /// <param name="adminConnection">The administrator's connection text; never echoed in a message.</param>
    /// <param name="runnerRole">The role policy runs connect as; it must exist.</param>
    /// <param name="auditTable">The audit table (<c>schema.table</c>), or null for the store's default.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="RunException">The connection or a statement failed (the message holds no connection text).</exception>
    Task<IReadOnlyList<string>> InitAsync(StoreModel store, StoreContext context, string adminConnection, string runnerRole, string? auditTable,
        CancellationToken ct);
}
