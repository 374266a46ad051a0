using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.History;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Policy;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Running;

/// <summary>Runs a compiled policy: access (with <c>--apply</c>), checks and retention per dataset, audit records, controls, and the report.</summary>
public static class PolicyRunner
{
    /// <summary>
    /// Runs <paramref name="policy"/>. A failing dataset never stops the others: its error lands in the report (exit code 2).
    /// Only cancellation propagates, as a <see cref="RunInterruptedException"/> whose report holds what was done until then.
    /// </summary>
    public static async Task<RunReport> RunAsync(IEnforcementPolicy policy, RunOptions options, CancellationToken ct)
    {
        var model = policy.Model;
        var now = options.Now ?? DateTimeOffset.UtcNow;
        var report = new RunReport { Policy = model.Name, PolicyVersion = model.Version, StartedAt = DateTimeOffset.UtcNow, AsOf = now, DryRun = options.DryRun, FailOn = options.FailOn };
        var registry = new StoreRegistry();
        policy.RegisterStores(registry);
        RunFolder temp;
        try
        {
            temp = RunFolder.Open(RunFolder.RootOf(options));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            report.Errors.Add($"the folder for temporary files '{RunFolder.RootOf(options)}' cannot be used: {ex.Message}");
            report.FinishedAt = DateTimeOffset.UtcNow;
            return report;
        }

        using var held = temp;
        report.TempFilesRemoved = temp.LeftoversRemoved;
        await using var stores = new StoreCache(registry, new StoreContext(model, options) { TempFolder = temp.Path });

        IAuditSink? sink = null;
        if (model.Audit is { } auditModel)
        {
            try
            {
                var opened = await stores.Get<IAuditStore>(auditModel.Store, "for the audit trail").OpenAuditAsync(auditModel, model.Name, ct).ConfigureAwait(false);
                sink = new HeadTrackingAuditSink(opened, hash => report.AuditHead = hash);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // INVARIANT: no enforcement action runs unrecorded when the policy declares an audit trail.
                report.Errors.Add($"audit trail: {ex.Message}");
                report.FinishedAt = DateTimeOffset.UtcNow;
                return report;
            }
        }

        await using var _ = sink;
        HistoryRecorder? history;
        Watermarks watermarks;
        try
        {
            history = await HistoryRecorder.OpenAsync(model, stores, options, ct).ConfigureAwait(false);
            watermarks = options.Checks ? await IncrementalChecks.ReadAsync(model, stores, now, ct).ConfigureAwait(false) : Watermarks.None;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            report.Errors.Add($"history: {ex.Message}");
            report.FinishedAt = DateTimeOffset.UtcNow;
            return report;
        }

        async Task Audit(AuditEntry entry, CancellationToken token)
        {
            if (sink is null)
            {
                return;
            }
            // INVARIANT: an action that was committed is recorded even when the run is being interrupted, so the record is
            // appended whatever the token says (an append is one short write).
            await sink.AppendAsync(entry, DateTimeOffset.UtcNow, CancellationToken.None).ConfigureAwait(false);
        }

        foreach (var unknown in options.Datasets?.Where(n => model.Datasets.All(d => d.Name != n)) ?? [])
        {
            report.Errors.Add($"no dataset named '{unknown}'");
        }

        var selected = model.Datasets.Where(d => options.Datasets is null || options.Datasets.Contains(d.Name)).ToList();

        try
        {
            await RunDatasetsAsync(model, selected, stores, sink, options, now, watermarks, report, Audit, ct).ConfigureAwait(false);
            // Backups are the policy's, not a dataset's: a run limited to some datasets leaves them out.
            if (options.Checks && options.Datasets is null)
            {
                await BackupRunner.RunAsync(model, stores, now, report, Audit, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException cancelled) when (ct.IsCancellationRequested)
        {
            report.Interrupted = true;
            report.Controls = Controls.Evaluate(model, report);
            report.FinishedAt = DateTimeOffset.UtcNow;
            await (history?.RecordAsync(report) ?? Task.CompletedTask).ConfigureAwait(false);
            throw new RunInterruptedException(report, cancelled);
        }

        report.Controls = Controls.Evaluate(model, report);
        report.FinishedAt = DateTimeOffset.UtcNow;
        await (history?.RecordAsync(report) ?? Task.CompletedTask).ConfigureAwait(false);
        return report;
    }

    private static async Task RunDatasetsAsync(PolicyModel model, IReadOnlyList<DatasetModel> selected, StoreCache stores, IAuditSink? sink,
        RunOptions options, DateTimeOffset now, Watermarks watermarks, RunReport report, Func<AuditEntry, CancellationToken, Task> audit, CancellationToken ct)
    {
        foreach (var dataset in selected)
        {
            var datasetReport = new DatasetReport { Dataset = dataset.Name, Store = dataset.Store, Rules = dataset.Rules.Count };
            report.Datasets.Add(datasetReport);
            // Access first, so the checks that follow report the drift that is left.
            if (options.ApplyAccess)
            {
                await AccessRunner.RunAsync(dataset, stores, options, sink, report, datasetReport, ct).ConfigureAwait(false);
                await NativeRetentionRunner.RunAsync(dataset, stores, options, sink, report, datasetReport, ct).ConfigureAwait(false);
            }

            if (options.Checks && dataset.Rules.Count + dataset.Columns.Count + dataset.Grants.Count + dataset.Masks.Count > 0)
            {
                IDataStore? store = null;
                await Guard(datasetReport, "checks", () => store, async () =>
                {
                    // Grants and masks alone are checked only where the store governs access (CheckRunner.HasWork).
                    store = dataset.Rules.Count + dataset.Columns.Count > 0
                        ? stores.Get<IDataStore>(dataset.Store, $"to check dataset '{dataset.Name}'")
                        : stores.Get(dataset.Store) as IDataStore;
                    if (store is not null && CheckRunner.HasWork(dataset, store))
                    {
                        await CheckRunner.RunAsync(model, dataset, store, options, now, watermarks, report, datasetReport, audit, ct).ConfigureAwait(false);
                    }
                }, ct).ConfigureAwait(false);
                options.Progress?.Report(new RunProgress("checks", dataset.Name, 1, 1, 0)
                {
                    RulesDone = report.Rules.Count(r => r.Dataset == dataset.Name), RulesTotal = dataset.Rules.Count,
                });
            }

            if (options.Retention)
            {
                await RunLifecycleAsync(model, dataset, stores, options, now, report, datasetReport, audit, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Runs the dataset's lifecycle: the stages on its rows in the order written (windows increasing, so a backlog ends as steady state
    /// would have left it), then the expiry of archived copies. A stage that fails stops the later ones: they may depend on its work.
    /// </summary>
    private static async Task RunLifecycleAsync(PolicyModel model, DatasetModel dataset, StoreCache stores, RunOptions options, DateTimeOffset now,
        RunReport report, DatasetReport datasetReport, Func<AuditEntry, CancellationToken, Task> audit, CancellationToken ct)
    {
        var stages = dataset.Lifecycle;
        var order = stages.Where(s => s.CopiesIn is null).Concat(stages.Where(s => s.CopiesIn is not null));
        foreach (var stage in order)
        {
            var number = stages.Count > 1 ? (int?)Index(stages, stage) + 1 : null;
            if (!await RunStageAsync(model, dataset, stage, number, stores, options, now, report, datasetReport, audit, ct).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private static int Index(IReadOnlyList<RetentionModel> stages, RetentionModel stage)
    {
        for (var i = 0; i < stages.Count; i++)
        {
            if (ReferenceEquals(stages[i], stage))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Runs one stage; false when it failed.</summary>
    private static async Task<bool> RunStageAsync(PolicyModel model, DatasetModel dataset, RetentionModel stage, int? number, StoreCache stores,
        RunOptions options, DateTimeOffset now, RunReport report, DatasetReport datasetReport,
        Func<AuditEntry, CancellationToken, Task> audit, CancellationToken ct)
    {
        RetentionResult? result = null;
        IStore? failing = null;
        void Label(RetentionResult r)
        {
            r.Stage = number;
            r.StageLabel = number is null ? null : stage.Label;
        }

        try
        {
            if (stage.CopiesIn is { } copies)
            {
                var archive = stores.Get<IArchiveStore>(copies, "as an archive");
                failing = archive;
                var source = stores.Get(dataset.Store) as IRetentionSource;
                var expiry = new ArchiveExpiry(model.Name, dataset, stage, source, archive, options, audit, model.PreviousNames);
                result = expiry.Partial;
                Label(result);
                await expiry.RunAsync(now, ct).ConfigureAwait(false);
            }
            else
            {
                var source = stores.Get<IRetentionSource>(dataset.Store, $"for retention of dataset '{dataset.Name}'");
                failing = source;
                var archive = stage.ArchiveStore is { } a ? stores.Get<IArchiveStore>(a, "as an archive") : null;
                var protocol = new RetentionProtocol(model.Name, dataset, source, archive, options, audit, model.PreviousNames, stores.Context.TempFolder, stage);
                result = protocol.Partial;
                Label(result);
                await protocol.RunAsync(now, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // What the interrupted dataset committed before the cancellation is part of the report.
            if (result is not null)
            {
                result.Interrupted = true;
                report.Retention.Add(result);
            }

            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            result ??= new RetentionResult { Dataset = dataset.Name, Action = stage.Action, Cutoff = stage.Window.Before(now), ArchiveStore = stage.CopiesIn };
            Label(result);
            result.Error = number is null ? Describe(ex, failing) : $"stage {number} ({stage.Label}): {Describe(ex, failing)}";
            datasetReport.Errors.Add($"retention: {result.Error}");
        }

        if (result is not null)
        {
            report.Retention.Add(result);
        }

        return result?.Error is null;
    }

    private static async Task Guard(DatasetReport datasetReport, string phase, Func<IStore?> store, Func<Task> work, CancellationToken ct)
    {
        try { await work().ConfigureAwait(false); }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            datasetReport.Errors.Add($"{phase}: {Describe(ex, store())}");
        }
    }

    // RunException messages are written for users; a store describes its own driver's failures; a refused file-system write says
    // where and why; anything else is shown with its type for diagnosis.
    internal static string Describe(Exception ex, IStore? store = null) =>
        ex is RunException ? ex.Message : store?.DescribeFailure(ex) ?? FileFailure.Describe(ex) ?? $"{ex.GetType().Name}: {ex.Message}";
}
