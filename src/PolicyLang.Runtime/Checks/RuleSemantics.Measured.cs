using System.Globalization;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Checks;

// Rules decided once on a measured value (aggregates, row-count bounds): no row violates, the dataset passes or fails.
public static partial class RuleSemantics
{
    /// <summary>True for kinds decided once per dataset on an observed value (<see cref="RuleCounts.Observed"/>), not by counting violating rows.</summary>
    public static bool IsDecidedOnce(RuleKind kind) => kind is RuleKind.Aggregate or RuleKind.RowCount;

    /// <summary>
    /// <paramref name="counts"/> with the violation of a rule decided once: 1 when it breaks, else 0 (other kinds unchanged),
    /// so reports count it like any rule; an error stays as it is.
    /// </summary>
    public static RuleCounts Settle(RuleModel rule, RuleCounts counts)
    {
        if (!IsDecidedOnce(rule.Kind) || counts.Error is not null)
        {
            return counts;
        }
        // sum, count distinct and null fraction always have a value, 0 over no rows (a MongoDB $group over no documents yields nothing).
        var observed = counts.Observed ?? (rule.Function is AggregateFunction.Sum or AggregateFunction.CountDistinct or AggregateFunction.NullFraction ? 0 : null);
        var settled = counts with { Observed = observed };
        return settled with { Violations = Breaks(rule, settled) ? 1 : 0 };
    }

    /// <summary>The counts of a rule answered by the row count alone (<c>rows at least n</c>, <c>objects at least n</c>, a row-count bound).</summary>
    public static RuleCounts FromTotal(RuleModel rule, long total) => rule.Kind == RuleKind.RowCount
        ? Settle(rule, new RuleCounts(rule.Name, 0, total, Observed: total))
        : new RuleCounts(rule.Name, Math.Max(0, Convert.ToInt64(rule.Args[0], CultureInfo.InvariantCulture) - total), total);

    /// <summary>
    /// True when <paramref name="observed"/> satisfies the bound of <paramref name="rule"/> (<c>between lo and hi</c> inclusive, or a
    /// comparison). No value (an aggregate over no values) and NaN satisfy no bound.
    /// </summary>
    public static bool Holds(RuleModel rule, double? observed)
    {
        if (observed is not { } v || double.IsNaN(v))
        {
            return false;
        }

        if (rule.Operator is null)
        {
            return v >= Bound(rule, 0) && v <= Bound(rule, 1);
        }

        var bound = Bound(rule, 0);
        return rule.Operator switch
        {
            CompareOperator.GreaterThan => v > bound,
            CompareOperator.LessThan => v < bound,
            CompareOperator.GreaterOrEqual => v >= bound,
            CompareOperator.LessOrEqual => v <= bound,
            CompareOperator.Equal => v == bound,
            _ => v != bound,
        };
    }

    /// <summary>The bound as written for reports: <c>between 1 and 3</c>, <c>&lt;= 0.02</c>.</summary>
    public static string Expectation(RuleModel rule) => rule.Operator is null
        ? $"between {Observation(Bound(rule, 0))} and {Observation(Bound(rule, 1))}"
        : $"{SqlText.Comparison(rule.Operator).Replace("<>", "!=", StringComparison.Ordinal)} {Observation(Bound(rule, 0))}";

    /// <summary>An observed value as reports print it (round-trip precision, invariant culture); <c>none</c> when there was no value.</summary>
    public static string Observation(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "none";

    private static double Bound(RuleModel rule, int index) => Convert.ToDouble(rule.Args[index], CultureInfo.InvariantCulture);
}
