using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Running;

/// <summary>Checks one dataset: schema (and grant and mask) drift, store-side rules in as few queries as the store can, <c>csharp</c> rules over one stream, samples.</summary>
internal static class CheckRunner
{
    public static async Task RunAsync(PolicyModel policy, DatasetModel dataset, IDataStore store, RunOptions options, DateTimeOffset now,
        RunReport report, DatasetReport datasetReport, Func<AuditEntry, CancellationToken, Task> audit, CancellationToken ct)
    {
        if (ComparesSchema(dataset, store))
            datasetReport.SchemaDrift.AddRange(await store.CheckSchemaAsync(dataset, ct).ConfigureAwait(false));
        if (dataset.Retention is not null && store is IRetentionDriftSource drift)
            datasetReport.SchemaDrift.AddRange(await drift.CheckRetentionDriftAsync(dataset, ct).ConfigureAwait(false));

        var storeRules = dataset.Rules.Where(r => RuleSemantics.IsStoreSide(r.Kind)).ToList();
        var request = new DatasetCheckRequest(dataset, storeRules, now, policy);
        var checkResult = await store.CheckAsync(request, ct).ConfigureAwait(false);
        var counts = checkResult.Counts.ToDictionary(c => c.Rule, StringComparer.Ordinal);
        datasetReport.Total = checkResult.Total;
        datasetReport.Queries = checkResult.Queries;
        datasetReport.Rules = dataset.Rules.Count;

        var predicateRules = dataset.Rules.Where(r => !RuleSemantics.IsStoreSide(r.Kind)).ToList();
        var predicateSamples = new Dictionary<string, List<Dictionary<string, string?>>>();
        var errors = new Dictionary<string, string?>();
        if (predicateRules.Count > 0)
        {
            datasetReport.Queries++;
            var fields = predicateRules.SelectMany(r => r.Fields).Distinct(StringComparer.Ordinal).ToList();
            var accumulators = predicateRules.Select(r => new PredicateAccumulator(r)).ToList();
            foreach (var r in predicateRules) predicateSamples[r.Name] = [];
            await foreach (var streamed in store.StreamAsync(dataset, fields, ct).ConfigureAwait(false))
            {
                var row = ColumnValues.Row(dataset, streamed);
                for (var i = 0; i < predicateRules.Count; i++)
                {
                    if (accumulators[i].Add(row) && predicateSamples[predicateRules[i].Name].Count < options.SampleSize)
                        predicateSamples[predicateRules[i].Name].Add(Mask(dataset, row));
                }
            }
            for (var i = 0; i < predicateRules.Count; i++)
            {
                counts[predicateRules[i].Name] = accumulators[i].Result();
                errors[predicateRules[i].Name] = accumulators[i].FirstError;
            }
        }

        foreach (var rule in dataset.Rules)
        {
            var c = counts.TryGetValue(rule.Name, out var found) ? found : new RuleCounts(rule.Name, 0, 0, Error: "the store returned no result for this rule");
            var (status, note) = RuleSemantics.Decide(rule, c);
            if (errors.TryGetValue(rule.Name, out var thrown) && thrown is not null)
                note = $"the predicate threw on some rows (counted as violations); first: {thrown}";
            if (rule.Kind == RuleKind.FresherThan && c.Error is null)
                note ??= $"{Plural.Of(c.FreshRows ?? 0, "row")} inside the {rule.Window} window";
            if (rule.Kind == RuleKind.Matches && PortableRegex.Problem((string)rule.Args[0]!) is { } dialect)
                note ??= $"evaluated in the store's own regex dialect: {dialect}";
            var result = new RuleResult
            {
                Dataset = dataset.Name, Rule = rule.Name, Kind = rule.Kind, Severity = rule.Severity, Status = status,
                Violations = c.Violations, Total = c.Total, Tolerance = rule.Tolerance, Note = note, Error = c.Error, Source = rule.Source,
            };
            if (c.Error is null && RuleSemantics.Breaks(rule, c) && c.Violations > 0 && options.SampleSize > 0)
            {
                if (predicateSamples.TryGetValue(rule.Name, out var sampled)) result.Samples = sampled;
                else if (rule.Kind is not RuleKind.RowsAtLeast)
                    result.Samples = (await store.SampleAsync(request, rule, options.SampleSize, ct).ConfigureAwait(false)).Select(r => Mask(dataset, r)).ToList();
            }
            report.Rules.Add(result);
        }

        var mine = report.Rules.Where(r => r.Dataset == dataset.Name).ToList();
        await audit(new AuditEntry("check", dataset.Name, datasetReport.QueriesSummary, new Dictionary<string, long>
        {
            ["rules"] = mine.Count,
            ["failed"] = mine.Count(r => r.Status == RuleStatus.Failed),
            ["warned"] = mine.Count(r => r.Status == RuleStatus.Warned),
            ["errors"] = mine.Count(r => r.Status == RuleStatus.Error),
            ["rows"] = checkResult.Total,
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

    private static Dictionary<string, string?> Mask(DatasetModel dataset, IReadOnlyDictionary<string, object?> row) =>
        row.ToDictionary(kv => kv.Key, kv => Masking.Show(dataset, kv.Key, ColumnValues.For(dataset, kv.Key, kv.Value)));
}
