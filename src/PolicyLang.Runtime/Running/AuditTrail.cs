using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Policy;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Running;

/// <summary>The result of checking a policy's audit trail.</summary>
/// <param name="Records">How many records the trail holds.</param>
/// <param name="Head">The last record's hash (keep it to detect later truncation).</param>
/// <param name="Problems">Everything <see cref="AuditVerifier"/> found; empty when intact.</param>
public sealed record AuditTrailVerification(int Records, string? Head, IReadOnlyList<AuditProblem> Problems);

/// <summary>Opens a policy's audit trail the way a run does, for the <c>policyc verify</c> verb.</summary>
public static class AuditTrail
{
    /// <summary>Reads the trail of <paramref name="policy"/> and verifies its chain (against <paramref name="expectedHead"/> when given).</summary>
    /// <exception cref="RunException">The policy declares no audit trail, or its store cannot be opened.</exception>
    public static async Task<AuditTrailVerification> VerifyAsync(IEnforcementPolicy policy, RunOptions options, string? expectedHead, CancellationToken ct)
    {
        var model = policy.Model;
        var audit = model.Audit ?? throw new RunException($"policy '{model.Name}' declares no audit trail");
        if (!audit.TamperEvident)
        {
            throw new RunException($"policy '{model.Name}': the audit trail is not tamper-evident, so there is no chain to verify");
        }

        var registry = new StoreRegistry();
        policy.RegisterStores(registry);
        await using var stores = new StoreCache(registry, new StoreContext(model, options));
        var store = stores.Get<IAuditStore>(audit.Store, "for the audit trail");
        IReadOnlyList<AuditRecord> records;
        try
        {
            await using var sink = await store.OpenAuditAsync(audit, model.Name, ct).ConfigureAwait(false);
            records = await sink.ReadAllAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RunException and not OperationCanceledException)
        {
            // An unreachable or stalled server is a problem of the store, reported in one line like a run reports it.
            throw new RunException($"audit trail: {PolicyRunner.Describe(ex, store as IStore)}", ex);
        }

        return new AuditTrailVerification(records.Count, records.Count == 0 ? null : records[^1].Hash, AuditVerifier.Verify(records, expectedHead));
    }
}
