using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Checks;

/// <summary>
/// The reference meaning of <see cref="RuleKind.Monotonic"/> (docs/language.md "Ordering"): within the rule's <c>where</c>, the rows whose
/// value and order column are known (not null, not NaN) form a sequence ordered by the order column, ties by the value in the expected
/// direction (so a tie of the order column never breaks a non-strict rule); each such row whose value falls behind the previous one
/// violates. Outside the sequence, a NaN value violates, and a null value unless <c>or null</c>.
/// </summary>
internal static class InMemoryOrdering
{
    public static long Violations(RuleModel rule, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, DateTimeOffset now) =>
        Violating(rule, rows, now, null).Count;

    /// <summary>The violating rows, in the order of the sequence (the rows outside it first).</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="rows">The dataset's rows.</param>
    /// <param name="now">The run's clock (for <c>now</c>/<c>today</c> in <c>where</c>).</param>
    /// <param name="key">The dataset's key: the last sort key, so fully tied rows keep one order.</param>
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Violating(RuleModel rule, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, DateTimeOffset now, string? key)
    {
        var column = rule.Column!;
        var order = rule.OrderColumn ?? throw new ArgumentException($"rule '{rule.Name}' has no order column", nameof(rule));
        var applicable = rows.Where(r => rule.Where is not { } where || RowConditionEvaluator.Evaluate(where, r, now) == true).ToList();
        var violating = applicable.Where(r => !Known(InMemoryEvaluator.Get(r, column)) && Violates(InMemoryEvaluator.Get(r, column), rule.OrNull)).ToList();
        var sequence = applicable.Where(r => Known(InMemoryEvaluator.Get(r, column)) && Known(InMemoryEvaluator.Get(r, order)))
            .OrderBy(r => InMemoryEvaluator.Get(r, order), Comparer<object?>.Create((a, b) => ValueComparer.Compare(a!, b!) ?? 0))
            .ThenBy(r => InMemoryEvaluator.Get(r, column), Comparer<object?>.Create((a, b) => (rule.Decreasing ? -1 : 1) * (ValueComparer.Compare(a!, b!) ?? 0)))
            .ThenBy(r => key is null ? null : InMemoryEvaluator.Get(r, key), Comparer<object?>.Create((a, b) => a is null || b is null ? 0 : ValueComparer.Compare(a, b) ?? 0))
            .ToList();
        for (var i = 1; i < sequence.Count; i++)
        {
            var step = ValueComparer.Compare(InMemoryEvaluator.Get(sequence[i], column)!, InMemoryEvaluator.Get(sequence[i - 1], column)!) ?? 0;
            var behind = rule.Decreasing ? step > 0 : step < 0;
            if (behind || (rule.Strictly && step == 0))
            {
                violating.Add(sequence[i]);
            }
        }

        return violating;
    }

    private static bool Known(object? value) => value is not null && !(value is double d && double.IsNaN(d)) && !(value is float f && float.IsNaN(f));

    private static bool Violates(object? value, bool orNull) => value is not null || !orNull;
}
