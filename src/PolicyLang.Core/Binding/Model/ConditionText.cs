using System.Globalization;

namespace PolicyLang.Core.Binding.Model;

/// <summary>A bound row condition written back in the language (for documents and reports): names that are not plain words are quoted.</summary>
internal static class ConditionText
{
    public static string Write(RowCondition condition) => condition switch
    {
        CompareCondition c => $"{Operand(c.Left)} {RowConditions.Text(c.Operator)} {Operand(c.Right)}",
        InCondition c => $"{Column(c.Column)} in [{string.Join(", ", c.Values.Select(Literal))}]",
        MatchesCondition c => $"{Column(c.Column)} matches {BoundLiteral.Quote(c.Pattern)}",
        IsNullCondition c => $"{Column(c.Column)} is null",
        NotCondition { Operand: IsNullCondition n } => $"{Column(n.Column)} is not null",
        NotCondition { Operand: InCondition i } => $"{Column(i.Column)} not in [{string.Join(", ", i.Values.Select(Literal))}]",
        NotCondition { Operand: MatchesCondition m } => $"{Column(m.Column)} not matches {BoundLiteral.Quote(m.Pattern)}",
        NotCondition c => $"not {Grouped(c.Operand)}",
        AndCondition c => $"{Grouped(c.Left)} and {Grouped(c.Right)}",
        OrCondition c => $"{Grouped(c.Left)} or {Grouped(c.Right)}",
        _ => condition.ToString() ?? string.Empty,
    };

    /// <summary>A column as written: a plain word or dotted path as is, any other name quoted.</summary>
    public static string Column(string path) =>
        path.Split('.').All(p => p.Length > 0 && (char.IsAsciiLetter(p[0]) || p[0] == '_') && p.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
            ? path
            : BoundLiteral.Quote(path);

    private static string Grouped(RowCondition c) => c is AndCondition or OrCondition ? $"({Write(c)})" : Write(c);

    private static string Operand(RowOperand operand) => operand switch
    {
        ColumnOperand c => Column(c.Column),
        LiteralOperand l => Literal(l.Value),
        ClockOperand k => k.Today ? "today" : "now",
        _ => string.Empty,
    };

    private static string Literal(object? value) => new BoundLiteral(value, null!).ToString();
}
