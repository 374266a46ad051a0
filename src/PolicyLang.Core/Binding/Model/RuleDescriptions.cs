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
            RuleKind.Unique => $"{rule.Column} unique",
            RuleKind.Between => $"{rule.Column} between {operands[0]} and {operands[1]}",
            RuleKind.In => $"{rule.Column} in [{string.Join(", ", operands)}]",
            RuleKind.Matches => $"{rule.Column} matches {operands[0]}",
            RuleKind.Compare => $"{rule.Column} {rule.Operator} {operands[0]}",
            RuleKind.References => $"{rule.Column} references {rule.TargetDataset}.{rule.TargetColumn}",
            RuleKind.FresherThan => $"{rule.Column} fresher than {rule.Window}",
            RuleKind.RowsAtLeast => $"rows at least {operands[0]}",
            RuleKind.ObjectsAtLeast => $"objects at least {operands[0]}",
            RuleKind.ObjectAgeFresherThan => $"object-age fresher than {rule.Window}",
            RuleKind.CSharp => $"csharp {BoundLiteral.Quote(rule.Expression ?? string.Empty)}",
            RuleKind.Condition when rule.Condition is { } condition => ConditionText.Write(condition),
            _ => rule.Kind.ToString(),
        };
        text = rule.OrNull ? text + " or null" : text;
        return rule.Where is { } where ? $"{text} where {ConditionText.Write(where)}" : text;
    }
}
