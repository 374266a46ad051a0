using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Checks;

/// <summary>
/// Runs a <see cref="CheckPlan{TQuery}"/> the same way for every store, through <see cref="ICheckExecutor{TQuery}"/>:
/// the fused scan first; when the store rejects it, the row count alone and then each of its rules alone, so one bad rule
/// reports its own error instead of hiding the others; then the commands of rules that run alone, each rule's error its own.
/// <para>INVARIANT: every rule of the plan gets exactly one <see cref="RuleCounts"/>, in plan order, with the dataset's row count as its total.</para>
/// <para>INVARIANT: a failure the store does not call a rejection (a lost connection, a timeout) is never turned into a rule error: it ends the dataset's check.</para>
/// </summary>
public static class CheckProtocol
{
    /// <summary>Counts every rule of <paramref name="plan"/> with <paramref name="store"/>, reporting how many commands ran.</summary>
    public static async Task<DatasetCheckResult> CountAsync<TQuery>(CheckPlan<TQuery> plan, ICheckExecutor<TQuery> store, CancellationToken ct)
        where TQuery : CheckQuery
    {
        var counts = new Dictionary<string, RuleCounts>(StringComparer.Ordinal);
        var fused = plan.Queries[0];
        var queries = 1;
        long total;
        try
        {
            var numbers = await store.CountAsync(fused, plan.Dataset, ct).ConfigureAwait(false);
            total = RuleAnswer.Count(numbers[0]);
            Add(counts, RuleAnswer.ReadAll(fused, numbers, total));
        }
        catch (Exception ex) when (fused.Answers.Count > 0 && store.Rejection(ex, plan.Dataset) is not null)
        {
            queries++;
            total = RuleAnswer.Count((await store.CountAsync(plan.Total, plan.Dataset, ct).ConfigureAwait(false))[0]);
            foreach (var rule in fused.Rules)
            {
                queries++;
                await AnswerAsync(store, plan.Isolated[rule], plan.Dataset, total, counts, ct).ConfigureAwait(false);
            }
        }

        foreach (var name in plan.FromTotal)
        {
            counts[name] = RuleSemantics.FromTotal(plan.Rules.First(r => r.Name == name), total);
        }

        foreach (var (name, error) in plan.Errors)
        {
            counts[name] = new RuleCounts(name, 0, total, Error: error);
        }

        foreach (var query in plan.Queries.Skip(1))
        {
            queries++;
            await AnswerAsync(store, query, plan.Dataset, total, counts, ct).ConfigureAwait(false);
        }

        return new DatasetCheckResult(total, plan.Rules.Select(r => RuleSemantics.Settle(r, counts[r.Name])).ToList(), queries);
    }

    /// <summary>The violating rows of <paramref name="rule"/> selected by the plan's sample command (none when the rule has none).</summary>
    public static async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> SampleAsync<TQuery>(CheckPlan<TQuery> plan, RuleModel rule,
        ICheckExecutor<TQuery> store, CancellationToken ct) where TQuery : CheckQuery =>
        plan.Samples.TryGetValue(rule.Name, out var query) ? await store.SampleAsync(query, plan.Dataset, ct).ConfigureAwait(false) : [];

    /// <summary>
    /// Every rule of <paramref name="rules"/> (the dataset's, or those reading <paramref name="request"/>'s window) as a result: store-side rules counted by <paramref name="store"/> (its plan run
    /// by <see cref="CountAsync{TQuery}"/>), <c>csharp</c> rules over one projected stream, each decided by <see cref="RuleSemantics"/>,
    /// with notes and, for broken rules, up to <paramref name="sampleSize"/> masked sample rows. Each result goes to <paramref name="results"/>
    /// as soon as it is decided, in declaration order (an interrupted run keeps the finished ones). Returns the dataset's rows and the
    /// commands (scans and streams) run.
    /// </summary>
    internal static async Task<(long Total, int Queries)> EvaluateAsync(IDataStore store, DatasetCheckRequest request, IReadOnlyList<RuleModel> rules,
        int sampleSize, ICollection<RuleResult> results, CancellationToken ct)
    {
        var dataset = request.Dataset;
        var checkResult = await store.CheckAsync(request, ct).ConfigureAwait(false);
        var counts = checkResult.Counts.ToDictionary(c => c.Rule, StringComparer.Ordinal);
        var queries = checkResult.Queries;

        var runnerRules = rules.Where(r => !RuleSemantics.IsStoreSide(r.Kind)).ToList();
        var runnerSamples = new Dictionary<string, List<Dictionary<string, string?>>>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (runnerRules.Count > 0)
        {
            queries++;
            var window = request.Window;
            // An incremental window is applied to the stream here: the rows outside it are read but not evaluated.
            var fields = runnerRules.SelectMany(r => r.Fields).Concat(window is null ? [] : [window.Column]).Distinct(StringComparer.Ordinal).ToList();
            var accumulators = runnerRules.Select(r => new PredicateAccumulator(r)).ToList();
            foreach (var r in runnerRules)
            {
                runnerSamples[r.Name] = [];
            }

            await foreach (var streamed in store.StreamAsync(dataset, fields, ct).ConfigureAwait(false))
            {
                if (window is not null && !window.Contains(streamed.GetValueOrDefault(window.Column)))
                {
                    continue;
                }

                var row = ColumnValues.Row(dataset, streamed);
                for (var i = 0; i < runnerRules.Count; i++)
                {
                    if (accumulators[i].Add(row) && runnerSamples[runnerRules[i].Name].Count < sampleSize)
                    {
                        runnerSamples[runnerRules[i].Name].Add(Mask(dataset, row));
                    }
                }
            }

            for (var i = 0; i < runnerRules.Count; i++)
            {
                counts[runnerRules[i].Name] = accumulators[i].Result();
                errors[runnerRules[i].Name] = accumulators[i].FirstError;
            }
        }

        foreach (var rule in rules)
        {
            var c = counts.TryGetValue(rule.Name, out var found) ? found : new RuleCounts(rule.Name, 0, 0, Error: "the store returned no result for this rule");
            var (status, note) = RuleSemantics.Decide(rule, c);
            if (errors.TryGetValue(rule.Name, out var thrown) && thrown is not null)
            {
                note = $"the predicate threw on some rows (counted as violations); first: {thrown}";
            }

            if (rule.Kind == RuleKind.FresherThan && c.Error is null)
            {
                note ??= $"{Plural.Of(c.FreshRows ?? 0, "row")} inside the {rule.Window} window";
            }

            if (rule.Kind == RuleKind.Matches && PortableRegex.Problem((string)rule.Args[0]!) is { } dialect)
            {
                note ??= $"evaluated in the store's own regex dialect: {dialect}";
            }

            var result = new RuleResult
            {
                Dataset = dataset.Name, Rule = rule.Name, Kind = rule.Kind, Severity = rule.Severity, Status = status,
                Violations = c.Violations, Total = c.Total, Tolerance = rule.Tolerance, Note = note, Error = c.Error, Source = rule.Source,
                Observed = c.Observed, Expected = RuleSemantics.IsDecidedOnce(rule.Kind) ? RuleSemantics.Expectation(rule) : null,
            };
            if (c.Error is null && RuleSemantics.Breaks(rule, c) && c.Violations > 0 && sampleSize > 0)
            {
                if (runnerSamples.TryGetValue(rule.Name, out var sampled))
                {
                    result.Samples = sampled;
                }
                else if (rule.Kind is not (RuleKind.RowsAtLeast or RuleKind.RowCount or RuleKind.Aggregate))
                {
                    result.Samples = (await store.SampleAsync(request, rule, sampleSize, ct).ConfigureAwait(false)).Select(r => Mask(dataset, r)).ToList();
                }
            }

            results.Add(result);
        }

        return (checkResult.Total, queries);
    }

    private static async Task AnswerAsync<TQuery>(ICheckExecutor<TQuery> store, TQuery query, DatasetModel dataset, long total,
        Dictionary<string, RuleCounts> counts, CancellationToken ct) where TQuery : CheckQuery
    {
        try
        {
            Add(counts, RuleAnswer.ReadAll(query, await store.CountAsync(query, dataset, ct).ConfigureAwait(false), total));
        }
        catch (Exception ex) when (store.Rejection(ex, dataset) is { } error)
        {
            foreach (var rule in query.Rules)
            {
                counts[rule] = new RuleCounts(rule, 0, total, Error: error);
            }
        }
    }

    private static void Add(Dictionary<string, RuleCounts> counts, IEnumerable<RuleCounts> read)
    {
        foreach (var c in read)
        {
            counts[c.Rule] = c;
        }
    }

    private static Dictionary<string, string?> Mask(DatasetModel dataset, IReadOnlyDictionary<string, object?> row) =>
        row.ToDictionary(kv => kv.Key, kv => Masking.Show(dataset, kv.Key, ColumnValues.For(dataset, kv.Key, kv.Value)));
}
