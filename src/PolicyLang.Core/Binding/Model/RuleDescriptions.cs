namespace PolicyLang.Core.Binding.Model;

/// <summary>How a rule reads in documents and reports, close to how it is written.</summary>
internal static class RuleDescriptions
{
    public static string Describe(RuleSymbol rule)
    {
        var operands = rule.Operands;
        var text = rule.Kind switch
        {
            RuleKind.NotNull => $"{rule.Column} not null",
            RuleKind.Unique when rule.Columns.Count > 1 => $"({string.Join(", ", rule.Columns)}) unique",
            RuleKind.Unique => $"{rule.Column} unique",
            RuleKind.Between => $"{rule.Column} between {operands[0]} and {operands[1]}",
            RuleKind.In => $"{rule.Column} in [{string.Join(", ", operands)}]",
            RuleKind.Matches => $"{rule.Column} matches {operands[0]}",
            RuleKind.Compare => $"{rule.Column} {rule.Operator} {operands[0]}",
            RuleKind.References when rule.Columns.Count > 1 =>
                $"({string.Join(", ", rule.Columns)}) references {rule.TargetDataset}.({string.Join(", ", rule.TargetColumns)})",
            RuleKind.References => $"{rule.Column} references {rule.TargetDataset}.{rule.TargetColumn}",
            RuleKind.FresherThan => $"{rule.Column} fresher than {rule.Window}",
            RuleKind.RowsAtLeast => $"rows at least {operands[0]}",
            RuleKind.ObjectsAtLeast => $"objects at least {operands[0]}",
            RuleKind.ObjectAgeFresherThan => $"object-age fresher than {rule.Window}",
            RuleKind.CSharp => $"csharp {BoundLiteral.Quote(rule.Expression ?? string.Empty)}",
            RuleKind.Aggregate => $"{Aggregate(rule)} {Bound(rule)}",
            RuleKind.RowCount => $"rows {Bound(rule)}",
            RuleKind.Condition when rule.Condition is { } condition => ConditionText.Write(condition),
            RuleKind.Monotonic => $"{rule.Column} {(rule.Strictly ? "strictly " : string.Empty)}{(rule.Decreasing ? "decreasing" : "increasing")} by {rule.OrderColumn}",
            _ => rule.Kind.ToString(),
        };
        text = rule.OrNull ? text + " or null" : text;
        return rule.Where is { } where ? $"{text} where {ConditionText.Write(where)}" : text;
    }

    private static string Aggregate(RuleSymbol rule)
    {
        var function = rule.Function ?? AggregateFunction.Mean;
        var written = Parsing.AggregateWords.Written[function];
        return function == AggregateFunction.Quantile
            ? $"{written}({rule.Column}, {rule.Probability?.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})"
            : $"{written}({rule.Column})";
    }

    private static string Bound(RuleSymbol rule) =>
        rule.Operator is null ? $"between {rule.Operands[0]} and {rule.Operands[1]}" : $"{rule.Operator} {rule.Operands[0]}";
}
