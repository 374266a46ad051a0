using PolicyLang.Runtime.Checks;

namespace PolicyLang.Runtime.Reporting;

/// <summary>What a rule measured, as reports write it: violating rows, or for a rule decided once its observed value and bound.</summary>
internal static class MeasuredText
{
    /// <summary><c>3 of 1,000 rows violate</c>, or <c>observed 2.5, expected between 1 and 3</c>.</summary>
    public static string Of(RuleResult rule) => rule.Expected is { } expected
        ? $"observed {RuleSemantics.Observation(rule.Observed)}, expected {expected} ({Plural.Of(rule.Total, "row")})"
        : $"{Values.Count(rule.Violations)} of {Plural.Of(rule.Total, "row")} violate";
}
