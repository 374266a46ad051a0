using System.Globalization;
using System.Text;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Differential;

/// <summary>How a disagreement is reported: the rule as written and each engine's measurement in the oracle's format.</summary>
internal static class RuleText
{
    public static string Measured(RuleModel rule, RuleCounts counts)
    {
        var (status, _) = RuleSemantics.Decide(rule, counts);
        var text = status.ToString().ToLowerInvariant();
        return counts.Error is not null
            ? new OracleResult(0, null, text) + $" ({counts.Error})"
            : new OracleResult(counts.Violations, rule.Kind == RuleKind.FresherThan ? counts.FreshRows : null, text).ToString();
    }

    /// <summary>The oracle's format without an error's message, for comparison.</summary>
    public static string Comparable(string measured) => measured.Split(" (", 2)[0];

    public static string Written(RuleModel rule)
    {
        var body = rule.Kind switch
        {
            RuleKind.Between => $"between {Literal(rule.Args[0])} and {Literal(rule.Args[1])}",
            RuleKind.In => $"in [{string.Join(", ", rule.Args.Select(Literal))}]",
            RuleKind.Matches => $"matches {Literal(rule.Args[0])}",
            RuleKind.Compare => $"{SqlText.Comparison(rule.Operator)} {Literal(rule.Args[0])}",
            RuleKind.References when rule.Columns.Count > 1 => $"references {rule.TargetDataset}.({string.Join(", ", rule.TargetColumns)})",
            RuleKind.References => $"references {rule.TargetDataset}.{rule.TargetColumn}",
            RuleKind.FresherThan => $"fresher than {rule.Window}",
            RuleKind.RowsAtLeast => $"at least {rule.Args[0]}",
            RuleKind.Condition => $"satisfies {rule.Condition}",
            _ => rule.Kind.ToString(),
        };
        var subject = rule.Columns.Count > 1 ? $"({string.Join(", ", rule.Columns)})" : rule.Column ?? "rows";
        return $"expect {subject} {body}{(rule.OrNull ? " or null" : "")}{(rule.Tolerance is { } t ? $" tolerance {t * 100:R}%{(rule.ToleranceOfApplicable ? " of applicable rows" : "")}" : "")}{(rule.Where is { } w ? $" where {w}" : "")}";
    }

    private static string Literal(object? value) => value switch
    {
        string s => "\"" + Escape(s) + "\"",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };

    private static string Escape(string s)
    {
        var builder = new StringBuilder();
        foreach (var rune in s.EnumerateRunes())
        {
            builder.Append(rune.Value is < 0x20 or > 0x7e ? $"\\u{{{rune.Value:X}}}" : rune.ToString());
        }

        return builder.ToString();
    }
}
