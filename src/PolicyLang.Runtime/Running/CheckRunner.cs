using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Running;

/// <summary>Checks one dataset: schema (and grant and mask) drift, then its rules through <see cref="CheckProtocol"/>, then one audit record.</summary>
internal static class CheckRunner
{
    public static async Task RunAsync(PolicyModel policy, DatasetModel dataset, IDataStore store, RunOptions options, DateTimeOffset now,
        RunReport report, DatasetReport datasetReport, Func<AuditEntry, CancellationToken, Task> audit, CancellationToken ct)
    {
        if (ComparesSchema(dataset, store))
        {
            datasetReport.SchemaDrift.AddRange(await store.CheckSchemaAsync(dataset, ct).ConfigureAwait(false));
        }

        if (dataset.Retention is not null && store is IRetentionDriftSource drift)
        {
            datasetReport.SchemaDrift.AddRange(await drift.CheckRetentionDriftAsync(dataset, ct).ConfigureAwait(false));
        }

        var storeRules = dataset.Rules.Where(r => RuleSemantics.IsStoreSide(r.Kind)).ToList();
        var request = new DatasetCheckRequest(dataset, storeRules, now, policy);
        var (total, queries) = await CheckProtocol.EvaluateAsync(store, request, options.SampleSize, report.Rules, ct).ConfigureAwait(false);
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
    /// Whether checking <paramref name="dataset"/> does anything: it has rules, or a live schema to compare — declared columns,
    /// or grants and masks in a store that governs access (<see cref="IAccessStore"/>, whose schema check reports their drift).
    /// </summary>
    public static bool HasWork(DatasetModel dataset, IDataStore store) => dataset.Rules.Count > 0 || ComparesSchema(dataset, store);

    // Stores without access control (duckdb, mongodb, s3) cannot see grants or masks: asking them would only cost a round trip.
    private static bool ComparesSchema(DatasetModel dataset, IDataStore store) =>
        dataset.Columns.Count > 0 || (store is IAccessStore && dataset.Grants.Count + dataset.Masks.Count > 0);
}
