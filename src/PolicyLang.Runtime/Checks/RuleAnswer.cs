namespace PolicyLang.Runtime.Checks;

/// <summary>How the numbers of a check command's result answer one rule.</summary>
public enum AnswerShape
{
    /// <summary>One number: the violating rows.</summary>
    Violations,
    /// <summary>Two numbers: the violating rows, then the rows inside the <c>fresher than</c> window.</summary>
    ViolationsAndFresh,
    /// <summary>One number: the rows inside the window; every other row violates (a null too).</summary>
    FreshOfRows,
    /// <summary>Two numbers: the rows inside the window, then the non-null rows; every other non-null row violates (<c>or null</c>).</summary>
    FreshOfNonNull,
    /// <summary>One number: the objects inside the window; the prefix fails as a whole when there is none (<c>object-age fresher than</c>).</summary>
    AnyFresh,
    /// <summary>One value: an aggregate's observed value, null when there is none (the rule is decided by <see cref="RuleSemantics.Settle"/>).</summary>
    Observed,
    /// <summary>Two numbers: the violating rows, then the rows the rule applies to (<c>tolerance p% of applicable rows</c>).</summary>
    ViolationsAndApplicable,
}

/// <summary>The place of one rule's answer in a check command's result.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Shape">How many numbers answer it and what they mean.</param>
public sealed record RuleAnswer(string Rule, AnswerShape Shape = AnswerShape.Violations)
{
    /// <summary>The shape of a row rule's answer in a scan: with its applicable rows when its tolerance is measured against them.</summary>
    public static AnswerShape RowShape(Model.RuleModel rule) => rule.ToleranceOfApplicable ? AnswerShape.ViolationsAndApplicable : AnswerShape.Violations;

    /// <summary>How many numbers of the result belong to this rule.</summary>
    public int Width => Shape is AnswerShape.ViolationsAndFresh or AnswerShape.FreshOfNonNull or AnswerShape.ViolationsAndApplicable ? 2 : 1;

    /// <summary>The rule's counts from <paramref name="values"/> starting at <paramref name="at"/>, in a dataset of <paramref name="total"/> rows.</summary>
    public RuleCounts Read(IReadOnlyList<object?> values, int at, long total) => Shape switch
    {
        AnswerShape.ViolationsAndFresh => new RuleCounts(Rule, Count(values[at]), total, Count(values[at + 1])),
        AnswerShape.FreshOfRows => new RuleCounts(Rule, total - Count(values[at]), total, Count(values[at])),
        AnswerShape.FreshOfNonNull => new RuleCounts(Rule, Count(values[at + 1]) - Count(values[at]), total, Count(values[at])),
        // Fails when no object is inside the window (the newest object is too old), including an empty prefix.
        AnswerShape.AnyFresh => new RuleCounts(Rule, Count(values[at]) > 0 ? 0 : Math.Max(total, 1), total, Count(values[at])),
        AnswerShape.Observed => new RuleCounts(Rule, 0, total, Observed: Number(values[at])),
        AnswerShape.ViolationsAndApplicable => new RuleCounts(Rule, Count(values[at]), total) { Applicable = Count(values[at + 1]) },
        _ => new RuleCounts(Rule, Count(values[at]), total),
    };

    /// <summary>A count of a result (an integer of any width, a decimal of SQL <c>sum</c>); null (no row counted) is 0.</summary>
    public static long Count(object? value) => value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An observed value of a result as a double; null (no value) stays null.</summary>
    public static double? Number(object? value) => value is null or DBNull ? null : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every answer of <paramref name="query"/> read from its result <paramref name="values"/>; <paramref name="total"/> when the query counts no rows.</summary>
    public static IEnumerable<RuleCounts> ReadAll(CheckQuery query, IReadOnlyList<object?> values, long total)
    {
        var at = query.CountsRows ? 1 : 0;
        foreach (var answer in query.Answers)
        {
            yield return answer.Read(values, at, total);
            at += answer.Width;
        }
    }
}
