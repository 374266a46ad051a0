using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Checks;

/// <summary>
/// Evaluates rules over rows held in memory: the reference semantics every store must agree with
/// (see tests/corpus/rules.json), and the engine of policy tests and <c>csharp</c> rules.
/// </summary>
public static class InMemoryEvaluator
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>Counts violations of each rule of <paramref name="rules"/> over <paramref name="rows"/>.</summary>
    /// <param name="rules">The rules to evaluate.</param>
    /// <param name="rows">The dataset's rows.</param>
    /// <param name="now">The clock for <c>fresher than</c>.</param>
    /// <param name="targetRows">Rows of another dataset by name, for <c>references</c>; null when unavailable.</param>
    public static IReadOnlyList<RuleCounts> Evaluate(
        IReadOnlyList<RuleModel> rules,
        IReadOnlyList<IReadOnlyDictionary<string, object?>> rows,
        DateTimeOffset now,
        Func<string, IReadOnlyList<IReadOnlyDictionary<string, object?>>?>? targetRows = null)
    {
        return rules.Select(rule => RuleSemantics.Settle(rule, EvaluateRule(rule, rows, now, targetRows))).ToList();
    }

    /// <summary>
    /// True when <paramref name="row"/> alone violates <paramref name="rule"/> (row-level kinds only). A <c>matches</c> pattern
    /// outside the portable subset runs as written in .NET's dialect (<see cref="PortableRegex.ForEngine"/>); one .NET cannot
    /// parse throws <see cref="ArgumentException"/>.
    /// </summary>
    public static bool RowViolates(RuleModel rule, IReadOnlyDictionary<string, object?> row, DateTimeOffset now)
    {
        var value = rule.Column is null ? null : Get(row, rule.Column);
        if (rule.Kind == RuleKind.CSharp)
        {
            return !Predicate(rule, row);
        }

        if (rule.Where is { } where && RowConditionEvaluator.Evaluate(where, row, now) != true)
        {
            return false;
        }

        if (rule.Kind == RuleKind.Condition)
        {
            var holds = RowConditionEvaluator.Evaluate(rule.Condition!, row, now);
            return rule.OrNull ? holds == false : holds != true;
        }

        if (value is null)
        {
            return !rule.OrNull && rule.Kind is not (RuleKind.Unique or RuleKind.References);
        }

        return rule.Kind switch
        {
            RuleKind.NotNull => false,
            RuleKind.Between => !(ValueComparer.Compare(value, rule.Args[0]!) >= 0 && ValueComparer.Compare(value, rule.Args[1]!) <= 0),
            RuleKind.In => !rule.Args.Any(a => a is not null && ValueComparer.Compare(value, a) == 0),
            RuleKind.Matches => !Pattern((string)rule.Args[0]!).IsMatch(Values.ToInvariantString(value)!),
            RuleKind.Compare => !CompareHolds(rule.Operator, ValueComparer.Compare(value, rule.Args[0]!)),
            RuleKind.FresherThan => !(ValueComparer.Compare(value, RuleSemantics.Cutoff(rule, now)) >= 0),
            _ => false,
        };
    }

    /// <summary>True for kinds decided by one row alone (usable in policy tests).</summary>
    public static bool IsRowLevel(RuleKind kind) =>
        kind is RuleKind.NotNull or RuleKind.Between or RuleKind.In or RuleKind.Matches or RuleKind.Compare or RuleKind.FresherThan or RuleKind.CSharp
            or RuleKind.Condition;

    /// <summary>Runs a <c>csharp</c> predicate; an exception propagates to the caller, which counts it as a violation.</summary>
    public static bool Predicate(RuleModel rule, IReadOnlyDictionary<string, object?> row)
    {
        var predicate = rule.Predicate ?? throw new InvalidOperationException($"rule '{rule.Name}' has no compiled predicate");
        return predicate(new RowView(row));
    }

    private static RuleCounts EvaluateRule(
        RuleModel rule, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, DateTimeOffset now,
        Func<string, IReadOnlyList<IReadOnlyDictionary<string, object?>>?>? targetRows)
    {
        long total = rows.Count;
        switch (rule.Kind)
        {
            case RuleKind.RowsAtLeast or RuleKind.RowCount:
                return RuleSemantics.FromTotal(rule, total);
            case RuleKind.Aggregate:
                return new RuleCounts(rule.Name, 0, total, Observed: InMemoryAggregates.Observe(rule, rows.Select(r => Get(r, rule.Column!)).ToList()));
            case RuleKind.Unique:
                var duplicates = rows.Select(r => TupleKey(r, rule.Columns)).Where(k => k is not null)
                    .GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).Sum(g => (long)g.Count());
                return new RuleCounts(rule.Name, duplicates, total);
            case RuleKind.References:
                var target = targetRows?.Invoke(rule.TargetDataset!);
                if (target is null)
                {
                    return new RuleCounts(rule.Name, 0, total, Error: $"rows of dataset '{rule.TargetDataset}' are not available");
                }

                var present = target.Select(r => TupleKey(r, rule.TargetColumns)).Where(k => k is not null).ToHashSet(StringComparer.Ordinal);
                return new RuleCounts(rule.Name, rows.Count(r => TupleKey(r, rule.Columns) is { } k && !present.Contains(k)), total);
            case RuleKind.FresherThan:
                var cutoff = RuleSemantics.Cutoff(rule, now);
                var fresh = rows.Count(r => Get(r, rule.Column!) is { } v && ValueComparer.Compare(v, cutoff) >= 0);
                return new RuleCounts(rule.Name, rows.Count(r => RowViolates(rule, r, now)), total, fresh);
            case RuleKind.CSharp:
                return EvaluatePredicate(rule, rows);
            case RuleKind.Monotonic:
                return new RuleCounts(rule.Name, InMemoryOrdering.Violations(rule, rows, now), total);
            case RuleKind.ObjectsAtLeast or RuleKind.ObjectAgeFresherThan:
                return new RuleCounts(rule.Name, 0, total, Error: $"rule kind '{rule.Kind}' applies to object prefixes only");
            default:
                return new RuleCounts(rule.Name, rows.Count(r => RowViolates(rule, r, now)), total)
                {
                    Applicable = rule.ToleranceOfApplicable ? rows.Count(r => RowConditionEvaluator.Applies(rule, r, now)) : null,
                };
        }
    }

    /// <summary>The grouping key of a row's values in <paramref name="columns"/>; null when any of them is null.</summary>
    private static string? TupleKey(IReadOnlyDictionary<string, object?> row, IReadOnlyList<string> columns) =>
        columns.Count == 1 ? ValueComparer.Key(Get(row, columns[0])) : ValueComparer.TupleKey(columns.Select(c => Get(row, c)));

    private static RuleCounts EvaluatePredicate(RuleModel rule, IEnumerable<IReadOnlyDictionary<string, object?>> rows)
    {
        var accumulator = new PredicateAccumulator(rule);
        foreach (var row in rows)
        {
            accumulator.Add(row);
        }

        return accumulator.Result();
    }

    // c is null when the values are unordered (NaN): then only != holds.
    private static bool CompareHolds(CompareOperator? op, int? c) => op switch
    {
        CompareOperator.GreaterThan => c > 0,
        CompareOperator.LessThan => c < 0,
        CompareOperator.GreaterOrEqual => c >= 0,
        CompareOperator.LessOrEqual => c <= 0,
        CompareOperator.Equal => c == 0,
        CompareOperator.NotEqual => c != 0,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "compare rule without operator"),
    };

    internal static Regex Pattern(string pattern) =>
        Patterns.GetOrAdd(pattern, p => new Regex(PortableRegex.ForEngine(p, RegexDialect.DotNet), RegexOptions.CultureInvariant));

    internal static object? Get(IReadOnlyDictionary<string, object?> row, string column)
    {
        if (row.TryGetValue(column, out var v))
        {
            return v is DBNull ? null : v;
        }

        foreach (var (k, value) in row)
        {
            if (string.Equals(k, column, StringComparison.OrdinalIgnoreCase))
            {
                return value is DBNull ? null : value;
            }
        }

        return null;
    }
}

/// <summary>Counts a <c>csharp</c> rule over streamed rows: a throwing predicate counts as a violation and its first message is kept.</summary>
public sealed class PredicateAccumulator
{
    private readonly RuleModel rule;
    private long total, violations;
    private string? firstError;

    /// <summary>Starts counting for <paramref name="rule"/>.</summary>
    public PredicateAccumulator(RuleModel rule) => this.rule = rule;

    /// <summary>Evaluates one row; returns true when it violates.</summary>
    public bool Add(IReadOnlyDictionary<string, object?> row)
    {
        total++;
        bool passes;
        try { passes = InMemoryEvaluator.Predicate(rule, row); }
        catch (Exception ex)
        {
            // INVARIANT: a predicate that cannot decide a row must not let the row pass silently.
            firstError ??= ex.Message;
            passes = false;
        }

        if (!passes)
        {
            violations++;
        }

        return !passes;
    }

    /// <summary>The first exception message a predicate threw, if any.</summary>
    public string? FirstError => firstError;

    /// <summary>The counts so far.</summary>
    public RuleCounts Result() => new(rule.Name, violations, total);
}
