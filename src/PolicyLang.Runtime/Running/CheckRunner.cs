using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.History;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Running;

/// <summary>Checks one dataset: schema (and grant and mask) drift, then its rules through <see cref="CheckProtocol"/>, then one audit record.</summary>
internal static class CheckRunner
{
    public static async Task RunAsync(PolicyModel policy, DatasetModel dataset, IDataStore store, RunOptions options, DateTimeOffset now,
        Watermarks watermarks, RunReport report, DatasetReport datasetReport, Func<AuditEntry, CancellationToken, Task> audit, CancellationToken ct)
    {
        if (ComparesSchema(dataset, store))
        {
            datasetReport.SchemaDrift.AddRange(await store.CheckSchemaAsync(dataset, ct).ConfigureAwait(false));
        }

        if (dataset.Retention is not null && store is IRetentionDriftSource drift)
        {
            datasetReport.SchemaDrift.AddRange(await drift.CheckRetentionDriftAsync(dataset, ct).ConfigureAwait(false));
        }

        var (total, queries) = await EvaluateAsync(policy, dataset, store, options, now, watermarks, report.Rules, ct).ConfigureAwait(false);
        datasetReport.Total = total;
        datasetReport.Queries = queries;
        datasetReport.Rules = dataset.Rules.Count;

        var mine = report.Rules.Where(r => r.Dataset == dataset.Name).ToList();
        await audit(new AuditEntry("check", dataset.Name, datasetReport.QueriesSummary, new Dictionary<string, long>
        {
            ["rules"] = mine.Count,
            ["failed"] = mine.Count(r => r.Status == RuleStatus.Failed),
            ["warned"] = mine.Count(r => r.Status == RuleStatus.Warned),
            ["errors"] = mine.Count(r => r.Status == RuleStatus.Error),
            ["rows"] = total,
        }), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Evaluates the dataset's rules group by group (<see cref="IncrementalChecks.Groups"/>): the whole-dataset rules, then each window of
    /// incremental rules bounded by its watermark. Results reach <paramref name="results"/> in declaration order, also when a group fails.
    /// Returns the rows of the whole dataset (of the largest window when every rule is incremental) and the commands run.
    /// </summary>
    private static async Task<(long Total, int Queries)> EvaluateAsync(PolicyModel policy, DatasetModel dataset, IDataStore store, RunOptions options,
        DateTimeOffset now, Watermarks watermarks, ICollection<RuleResult> results, CancellationToken ct)
    {
        var groups = IncrementalChecks.Groups(dataset, watermarks);
        var decided = new List<RuleResult>();
        long? whole = null;
        long largestWindow = 0;
        var queries = 0;
        try
        {
            foreach (var group in groups)
            {
                var window = await IncrementalChecks.WindowAsync(store, dataset, group, ct).ConfigureAwait(false);
                queries += window is null ? 0 : 1;
                var request = new DatasetCheckRequest(dataset, group.Rules.Where(r => RuleSemantics.IsStoreSide(r.Kind)).ToList(), now, policy) { Window = window };
                var before = decided.Count;
                var (total, run) = await CheckProtocol.EvaluateAsync(store, request, group.Rules, options.SampleSize, decided, ct).ConfigureAwait(false);
                queries += run;
                if (window is null)
                {
                    whole = total;
                    continue;
                }

                largestWindow = Math.Max(largestWindow, total);
                foreach (var result in decided.Skip(before))
                {
                    result.Window = new RuleWindow { Column = window.Column, From = window.From, To = window.To };
                }
            }
        }
        finally
        {
            var order = dataset.Rules.Select((r, i) => (r.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
            foreach (var result in decided.OrderBy(r => order.GetValueOrDefault(r.Rule)))
            {
                results.Add(result);
            }
        }

        return (whole ?? largestWindow, queries);
    }

    /// <summary>
    /// Whether checking <paramref name="dataset"/> does anything: it has rules, or a live schema to compare — declared columns,
    /// or grants and masks in a store that governs access (<see cref="IAccessStore"/>, whose schema check reports their drift).
    /// </summary>
    public static bool HasWork(DatasetModel dataset, IDataStore store) => dataset.Rules.Count > 0 || ComparesSchema(dataset, store);

    // Stores without access control (duckdb, mongodb, s3) cannot see grants or masks: asking them would only cost a round trip.
    private static bool ComparesSchema(DatasetModel dataset, IDataStore store) =>
        dataset.Columns.Count > 0 || (store is IAccessStore && dataset.Grants.Count + dataset.Masks.Count > 0);
}
