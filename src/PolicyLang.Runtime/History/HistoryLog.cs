using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Policy;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.History;

/// <summary>Reads a policy's run history the way a run writes it (for <c>policyc history</c> and the HTML report's trends).</summary>
public static class HistoryLog
{
    /// <summary>
    /// The complete runs of <paramref name="policy"/>'s history matching <paramref name="query"/>, oldest first, read from
    /// <paramref name="history"/> (default: the policy's <c>history</c> block).
    /// </summary>
    /// <exception cref="RunException">The policy has no history block, its store cannot keep one, a connection variable is missing, or the store cannot be read.</exception>
    public static async Task<IReadOnlyList<HistoryRun>> ReadAsync(IEnforcementPolicy policy, RunOptions options, HistoryQuery query, CancellationToken ct,
        HistoryModel? history = null)
    {
        var model = policy.Model;
        history ??= model.History ?? throw new RunException(
            $"policy '{model.Name}' keeps no run history: add a `history {{ store <name> }}` block (docs/history.md)");
        var registry = new StoreRegistry();
        policy.RegisterStores(registry);
        await using var stores = new StoreCache(registry, new StoreContext(model, options));
        var store = stores.Get<IHistoryStore>(history.Store, "for the run history");
        IReadOnlyList<HistoryRecord> records;
        try
        {
            records = await store.ReadHistoryAsync(history, query, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RunException and not OperationCanceledException)
        {
            throw new RunException($"run history: {PolicyRunner.Describe(ex, store)}", ex);
        }

        return HistoryRuns.Last(HistoryRuns.Of(records.Where(query.Matches)), query.Runs);
    }
}
