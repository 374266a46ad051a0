using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Differential;

/// <summary>What a rule measures on generated rows: violations, rows inside a <c>fresher than</c> window, and the status.</summary>
public sealed record OracleResult(long Violations, long? FreshRows, string Status)
{
    public override string ToString() => FreshRows is { } fresh ? $"{Violations} {Status} fresh={fresh}" : $"{Violations} {Status}";
}

/// <summary>
/// The naive reference: each rule's meaning from docs/language.md and docs/runtime.md, row by row, with no SQL and
/// without the runtime's evaluator. The cutoff of <c>fresher than</c> is now − d truncated to the millisecond.
/// </summary>
public static class SpecOracle
{
    public static OracleResult Evaluate(RuleModel rule, GeneratedCase c)
    {
        var rows = c.Facts.Rows;
        long total = rows.Count;
        if (rule.Kind == RuleKind.RowsAtLeast)
        {
            var missing = Math.Max(0, (long)rule.Args[0]! - total);
            return new OracleResult(missing, null, missing > 0 ? "failed" : "passed");
        }

        var violations = rows.LongCount(row => Violates(rule, row, c));
        if (rule.Kind == RuleKind.FresherThan)
        {
            var cutoff = Cutoff(rule, c.Now);
            var fresh = rows.LongCount(row => row[rule.Column!] is { } v && SpecValues.Order(v, cutoff) >= 0);
            return new OracleResult(violations, fresh, fresh == 0 ? "failed" : "passed");
        }
        // tolerance p% allows p% of the rows, as written: 29% of 100 rows allows 29; `of applicable rows`: p% of those the rule applies to.
        var measuredAgainst = rule.ToleranceOfApplicable ? Counts(rule, c).Applicable : total;
        var allowed = rule.Tolerance is { } t ? (decimal)t * measuredAgainst : 0m;
        return new OracleResult(violations, null, violations > allowed ? "failed" : "passed");
    }

    /// <summary>
    /// A row rule's violations and the rows it applies to: those its <c>where</c> is true for, without the rows <c>or null</c>
    /// excuses (a null column; for a condition, an unknown body).
    /// </summary>
    public static (long Violations, long Applicable) Counts(RuleModel rule, GeneratedCase c)
    {
        var rows = c.Facts.Rows;
        var applicable = rows.LongCount(row =>
            (rule.Where is null || SpecConditions.Holds(rule.Where, row, c.Now) == true)
            && (!rule.OrNull || (rule.Condition is { } body ? SpecConditions.Holds(body, row, c.Now) is not null : row[rule.Column!] is not null)));
        return (rows.LongCount(row => Violates(rule, row, c)), applicable);
    }

    /// <summary>True when <paramref name="row"/> of <c>facts</c> violates <paramref name="rule"/>.</summary>
    public static bool Violates(RuleModel rule, IReadOnlyDictionary<string, object?> row, GeneratedCase c)
    {
        if (rule.Kind != RuleKind.Monotonic && rule.Where is { } where && SpecConditions.Holds(where, row, c.Now) != true)
        {
            return false;
        }

        if (rule.Kind == RuleKind.Monotonic)
        {
            return SpecOrdering.Violators(rule, c).Contains(row);
        }

        if (rule.Kind == RuleKind.Condition)
        {
            var holds = SpecConditions.Holds(rule.Condition!, row, c.Now);
            return holds is null ? !rule.OrNull : !holds.Value;
        }

        // Composite unique and references (language.md "Composite keys and uniqueness"): a row with a null in any listed column is
        // ignored; otherwise its combination is compared column by column.
        if (rule.Columns.Count > 1)
        {
            var values = rule.Columns.Select(col => row[col]).ToList();
            bool SameAs(IReadOnlyDictionary<string, object?> other, IReadOnlyList<string> columns) =>
                columns.Select((col, i) => other[col] is { } v && SpecValues.Same(values[i]!, v)).All(same => same);
            return values.All(v => v is not null) && (rule.Kind == RuleKind.Unique
                ? c.Facts.Rows.Count(other => SameAs(other, rule.Columns)) > 1
                : !c.Dims.Rows.Any(target => SameAs(target, rule.TargetColumns)));
        }

        var value = row[rule.Column!];
        switch (rule.Kind)
        {
            case RuleKind.Unique:
                return value is not null && c.Facts.Rows.Count(r => r[rule.Column!] is { } other && SpecValues.Same(value, other)) > 1;
            case RuleKind.References:
                return value is not null && !c.Dims.Rows.Any(r => r[rule.TargetColumn!] is { } target && SpecValues.Same(value, target));
        }

        if (value is null)
        {
            return !rule.OrNull;
        }

        return rule.Kind switch
        {
            RuleKind.NotNull => false,
            RuleKind.Between => !(SpecValues.Order(value, rule.Args[0]!) >= 0 && SpecValues.Order(value, rule.Args[1]!) <= 0),
            RuleKind.In => !rule.Args.Any(a => SpecValues.Equal(value, a!)),
            RuleKind.Matches => !Regex(rule).Meaning((string)value),
            RuleKind.Compare => !Holds(rule.Operator!.Value, value, rule.Args[0]!),
            RuleKind.FresherThan => !(SpecValues.Order(value, Cutoff(rule, c.Now)) >= 0),
            _ => throw new ArgumentException($"no row meaning for {rule.Kind}"),
        };
    }

    public static DateTimeOffset Cutoff(RuleModel rule, DateTimeOffset now)
    {
        var exact = ValuePools.Before(now, rule.Window!.Value);
        return new DateTimeOffset(exact.UtcTicks - exact.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    private static bool Holds(CompareOperator op, object value, object operand)
    {
        if (op == CompareOperator.NotEqual)
        {
            return !SpecValues.Equal(value, operand);
        }

        var order = SpecValues.Order(value, operand);
        return order is { } o && op switch
        {
            CompareOperator.GreaterThan => o > 0,
            CompareOperator.LessThan => o < 0,
            CompareOperator.GreaterOrEqual => o >= 0,
            CompareOperator.LessOrEqual => o <= 0,
            _ => o == 0,
        };
    }

    private static RegexCase Regex(RuleModel rule) => RegexCases.All.Single(r => r.Pattern == (string)rule.Args[0]!);
}
