using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Running;

/// <summary>
/// <c>--apply</c> for one dataset's store-enforced retention (<see cref="IRetentionDriftSource"/>: a MongoDB TTL index), or
/// its plan in a dry run. Stores without such a mechanism are skipped: the runner's own retention is all they have.
/// </summary>
internal static class NativeRetentionRunner
{
    public static async Task RunAsync(DatasetModel dataset, StoreCache stores, RunOptions options, IAuditSink? sink, RunReport report,
        DatasetReport datasetReport, CancellationToken ct)
    {
        if (dataset.Retention is null)
        {
            return;
        }

        var outcome = new NativeRetentionOutcome { Dataset = dataset.Name, Store = dataset.Store };
        try
        {
            if (stores.Get(dataset.Store) is not IRetentionDriftSource store)
            {
                return;
            }

            var change = options.DryRun
                ? await store.PlanNativeRetentionAsync(dataset, ct).ConfigureAwait(false)
                : await store.ApplyNativeRetentionAsync(dataset, sink, ct).ConfigureAwait(false);
            (outcome.Finding, outcome.Declared, outcome.Actual, outcome.Command, outcome.Note) =
                (change.Finding, change.Declared, change.Actual, change.Command, change.Note);
            outcome.Status = change.Command is not null ? options.DryRun ? AccessStatus.Planned : AccessStatus.Applied
                : change.Note is not null ? AccessStatus.NotApplied
                : AccessStatus.Unchanged;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            outcome.Status = AccessStatus.Error;
            outcome.Error = PolicyRunner.Describe(ex);
            datasetReport.Errors.Add($"retention index: {outcome.Error}");
        }

        report.NativeRetention.Add(outcome);
    }
}
