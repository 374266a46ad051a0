using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;

namespace PolicyLang.Runtime.Checks;

/// <summary>
/// Turns measured counts into a rule status, identically for every engine:
/// a rule fails when violations &gt; tolerance × total (no tolerance: any violation);
/// <c>fresher than</c> fails when no row is inside the window (max(column) &lt; <see cref="Cutoff"/>);
/// a failing rule is <c>failed</c> at severity error, <c>warned</c> at warn, and <c>passed</c> with a note at info.
/// </summary>
public static partial class RuleSemantics
{
    /// <summary>True when the measured counts break the rule (before severity is applied).</summary>
    public static bool Breaks(RuleModel rule, RuleCounts counts)
    {
        if (IsDecidedOnce(rule.Kind))
        {
            return !Holds(rule, counts.Observed);
        }

        if (rule.Kind == RuleKind.FresherThan)
        {
            return (counts.FreshRows ?? 0) == 0;
        }
        // In decimal: the percentage as written (29% of 100 rows allows 29; in double 0.29 × 100 is 28.999999999999996).
        if (rule.Tolerance is { } tolerance)
        {
            return counts.Violations > (decimal)tolerance * ToleranceBase(rule, counts);
        }

        return counts.Violations > 0;
    }

    /// <summary>The rows a tolerance is a fraction of: the applicable rows with <c>of applicable rows</c>, else every row.</summary>
    public static long ToleranceBase(RuleModel rule, RuleCounts counts) =>
        rule.ToleranceOfApplicable && counts.Applicable is { } applicable ? applicable : counts.Total;

    /// <summary>The reported status of <paramref name="rule"/> given its counts, with an explanatory note when useful.</summary>
    public static (RuleStatus Status, string? Note) Decide(RuleModel rule, RuleCounts counts)
    {
        if (counts.Error is not null)
        {
            return (RuleStatus.Error, null);
        }

        if (!Breaks(rule, counts))
        {
            return (RuleStatus.Passed, null);
        }

        return rule.Severity switch
        {
            Severity.Error => (RuleStatus.Failed, null),
            Severity.Warn => (RuleStatus.Warned, null),
            _ when IsDecidedOnce(rule.Kind) => (RuleStatus.Passed, $"info: observed {Observation(counts.Observed)}, expected {Expectation(rule)}"),
            _ => (RuleStatus.Passed, $"info: {Values.Count(counts.Violations)} of {Plural.Of(counts.Total, "row")} violate{(counts.Violations == 1 ? "s" : "")}"),
        };
    }

    /// <summary>
    /// The start of a <c>fresher than</c> window: now − d, truncated to the millisecond, so every engine compares stored
    /// instants with the same value (MongoDB dates hold milliseconds, SQL timestamps microseconds, .NET 100 ns ticks).
    /// </summary>
    public static DateTimeOffset Cutoff(RuleModel rule, DateTimeOffset now)
    {
        var exact = (rule.Window ?? throw new ArgumentException($"rule '{rule.Name}' has no window", nameof(rule))).Before(now).ToUniversalTime();
        return new DateTimeOffset(exact.Ticks - exact.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    /// <summary>
    /// The target dataset of a <c>references</c> rule on <paramref name="dataset"/>, or null with <paramref name="error"/>: a dataset
    /// that does not exist, or one in another store (a store can only look into its own data).
    /// </summary>
    public static DatasetModel? ReferenceTarget(PolicyModel? policy, DatasetModel dataset, RuleModel rule, out string error)
    {
        error = "";
        var target = policy?.Datasets.FirstOrDefault(d => d.Name == rule.TargetDataset);
        if (target is null)
        {
            error = $"references: no dataset named '{rule.TargetDataset}'";
            return null;
        }

        if (target.Store != dataset.Store)
        {
            error = $"references: dataset '{target.Name}' is in store '{target.Store}', not '{dataset.Store}'; cross-store references are not supported";
            return null;
        }

        return target;
    }

    /// <summary>True for kinds a store evaluates where the data lives (everything but <c>csharp</c>).</summary>
    public static bool IsStoreSide(RuleKind kind) => kind != RuleKind.CSharp;
}
