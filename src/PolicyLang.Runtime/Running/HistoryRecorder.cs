using PolicyLang.Runtime.History;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Running;

/// <summary>
/// Keeps the run in the policy's history (its <c>history</c> block): the store is prepared before anything runs, so a history that
/// cannot be kept fails the run in its first second, and the run's records are appended once it is over. Dry runs change nothing
/// and are not recorded.
/// </summary>
internal sealed class HistoryRecorder
{
    private readonly HistoryModel history;
    private readonly IHistoryStore store;

    private HistoryRecorder(HistoryModel history, IHistoryStore store)
    {
        this.history = history;
        this.store = store;
    }

    /// <summary>The recorder of <paramref name="model"/>'s history; null when it has none or the run is dry.</summary>
    /// <exception cref="RunException">The store cannot keep the history or cannot be reached.</exception>
    public static async Task<HistoryRecorder?> OpenAsync(PolicyModel model, StoreCache stores, RunOptions options, CancellationToken ct)
    {
        if (model.History is not { } history || options.DryRun)
        {
            return null;
        }

        var store = stores.Get<IHistoryStore>(history.Store, "for the run history");
        try
        {
            await store.PrepareHistoryAsync(history, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RunException and not OperationCanceledException)
        {
            throw new RunException(PolicyRunner.Describe(ex, store), ex);
        }

        return new HistoryRecorder(history, store);
    }

    /// <summary>Appends the finished run; a failure is a run error (exit code 2), never lost silently.</summary>
    public async Task RecordAsync(RunReport report)
    {
        try
        {
            // INVARIANT: the run is recorded even when it is being interrupted; an append is one short write.
            await store.AppendHistoryAsync(history, RunRecords.Of(report, RunRecords.NewRunId(report.StartedAt)), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            report.Errors.Add($"history: {PolicyRunner.Describe(ex, store)}");
        }
    }
}
