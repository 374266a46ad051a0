using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Running;

/// <summary>
/// <c>--apply</c> for one dataset: brings its grants and masked view in line with the policy through the store's
/// <see cref="IAccessStore"/>, or plans it in a dry run. Every dataset declaring a grant or a mask gets an
/// <see cref="AccessOutcome"/>, so a store that cannot apply access is reported, never silently skipped.
/// </summary>
internal static class AccessRunner
{
    public static async Task RunAsync(DatasetModel dataset, StoreCache stores, RunOptions options, IAuditSink? sink, RunReport report,
        DatasetReport datasetReport, CancellationToken ct)
    {
        if (dataset.Grants.Count + dataset.Masks.Count == 0)
        {
            return;
        }

        var outcome = new AccessOutcome { Dataset = dataset.Name, Store = dataset.Store };
        report.Access.Add(outcome);
        try
        {
            var opened = stores.Get(dataset.Store);
            if (opened is not IAccessStore store)
            {
                outcome.Status = AccessStatus.NotApplied;
                outcome.Note = $"store '{dataset.Store}' ({opened.Model.Kind}) cannot apply grants or masked views; access was not applied";
                return;
            }

            var changes = options.DryRun
                ? await store.PlanAccessAsync(dataset, ct).ConfigureAwait(false)
                : await store.ApplyAccessAsync(dataset, sink, ct).ConfigureAwait(false);
            outcome.Statements = [.. changes.Statements];
            (outcome.Granted, outcome.Revoked, outcome.MaskedView) = (changes.Granted, changes.Revoked, changes.MaskedView);
            outcome.Status = changes.Statements.Count == 0 ? AccessStatus.Unchanged : options.DryRun ? AccessStatus.Planned : AccessStatus.Applied;
            // A dry run records what it would have done, as retention's dry run does; the store audits what it applied.
            if (options.DryRun && changes.Statements.Count > 0 && sink is not null)
            {
                await sink.AppendAsync(new AuditEntry("dry-run", dataset.Name, $"access: would run {changes.Statements.Count} statements",
                    new Dictionary<string, long> { ["granted"] = changes.Granted, ["revoked"] = changes.Revoked }), DateTimeOffset.UtcNow, ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            outcome.Status = AccessStatus.Error;
            outcome.Error = PolicyRunner.Describe(ex);
            datasetReport.Errors.Add($"access: {outcome.Error}");
        }
    }
}
