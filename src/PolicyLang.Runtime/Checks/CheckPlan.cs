using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Checks;

/// <summary>
/// What a store runs to check one dataset, built by the store's <c>&lt;Kind&gt;CheckPlanner</c> without touching the store and
/// run by <see cref="CheckProtocol"/>; <c>policyc plan</c> prints it, so the plan is what runs.
/// </summary>
/// <typeparam name="TQuery">The store's command record.</typeparam>
/// <param name="Dataset">The dataset.</param>
/// <param name="Rules">The store-side rules, in the order results are reported.</param>
/// <param name="Queries">
/// The counting commands: <c>Queries[0]</c> is the fused scan (the row count and every rule that shares it); each further
/// command answers rules that must run alone (in SQL a grouped <c>unique</c>, an anti-join <c>references</c>).
/// </param>
/// <param name="Total">The row count alone: what the protocol asks first when the store rejects the fused scan.</param>
/// <param name="Isolated">Per rule of the fused scan, the scan of that rule alone, run when the store rejects the fused scan.</param>
/// <param name="Samples">Per rule that can show violating rows, the bounded query selecting them (key and the rule's column).</param>
/// <param name="FromTotal">Rules answered by the row count alone (<c>rows at least n</c>, <c>objects at least n</c>): max(0, n − rows).</param>
/// <param name="Errors">Rules the store cannot evaluate, with the reason (reported as rule errors; nothing is sent for them).</param>
/// <param name="Warnings">Costs worth knowing before running (e.g. a <c>$lookup</c> per document).</param>
public sealed record CheckPlan<TQuery>(
    DatasetModel Dataset,
    IReadOnlyList<RuleModel> Rules,
    IReadOnlyList<TQuery> Queries,
    TQuery Total,
    IReadOnlyDictionary<string, TQuery> Isolated,
    IReadOnlyDictionary<string, TQuery> Samples,
    IReadOnlyList<string> FromTotal,
    IReadOnlyDictionary<string, string> Errors,
    IReadOnlyList<string> Warnings)
    where TQuery : CheckQuery
{
    /// <summary>The dataset's <c>csharp</c> rules: never sent to the store, evaluated by the runner over one projected stream.</summary>
    public IReadOnlyList<RuleModel> RunnerRules => Dataset.Rules.Where(r => !RuleSemantics.IsStoreSide(r.Kind)).ToList();

    /// <summary>The queries <paramref name="build"/> makes for <paramref name="rules"/>, by rule name (a rule it makes none for is left out).</summary>
    public static IReadOnlyDictionary<string, TQuery> PerRule(IEnumerable<RuleModel> rules, Func<RuleModel, TQuery?> build)
    {
        var queries = new Dictionary<string, TQuery>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (build(rule) is { } query)
            {
                queries[rule.Name] = query;
            }
        }

        return queries;
    }

    /// <summary>The fields the runner streams for <see cref="RunnerRules"/> (the key, when declared, comes first).</summary>
    public IReadOnlyList<string> RunnerFields => RunnerRules.SelectMany(r => r.Fields).Distinct(StringComparer.Ordinal).ToList();
}
