namespace PolicyLang.Core.Binding.Model;

/// <summary>A bound row condition written back in the language (for documents and reports): names that are not plain words are quoted.</summary>
internal sealed class ConditionText : RowConditionWriter
{
    private static readonly ConditionText Instance = new();

    public static string Write(RowCondition condition) => Instance.Walk(condition);

    /// <summary>A column as written: a plain word or dotted path as is, any other name quoted.</summary>
    public static string Column(string path) =>
        path.Split('.').All(p => p.Length > 0 && (char.IsAsciiLetter(p[0]) || p[0] == '_') && p.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
            ? path
            : BoundLiteral.Quote(path);

    protected override string Compare(CompareCondition c) => $"{Walk(c.Left)} {RowConditions.Text(c.Operator)} {Walk(c.Right)}";

    protected override string In(InCondition c) => $"{Column(c.Column)} in [{string.Join(", ", c.Values.Select(Value))}]";

    protected override string Matches(MatchesCondition c) => $"{Column(c.Column)} matches {BoundLiteral.Quote(c.Pattern)}";

    protected override string IsNull(IsNullCondition c) => $"{Column(c.Column)} is null";

    protected override string Parses(ParsesCondition c) =>
        $"{Column(c.Column)} parses as {c.Format.ToString().ToLowerInvariant()}{(c.Pattern is { } p ? " " + BoundLiteral.Quote(p) : string.Empty)}";

    protected override string Not(NotCondition c) => c.Operand switch
    {
        IsNullCondition n => $"{Column(n.Column)} is not null",
        InCondition i => $"{Column(i.Column)} not in [{string.Join(", ", i.Values.Select(Value))}]",
        MatchesCondition m => $"{Column(m.Column)} not matches {BoundLiteral.Quote(m.Pattern)}",
        _ => $"not {Grouped(c.Operand)}",
    };

    protected override string And(AndCondition c) => $"{Grouped(c.Left)} and {Grouped(c.Right)}";

    protected override string Or(OrCondition c) => $"{Grouped(c.Left)} or {Grouped(c.Right)}";

    protected override string Column(ColumnOperand c) => Column(c.Column);

    protected override string Literal(LiteralOperand l) => Value(l.Value);

    protected override string Clock(ClockOperand k) => k.Today ? "today" : "now";

    protected override string Length(LengthOperand l) => $"length({Column(l.Column)})";

    private string Grouped(RowCondition c) => c is AndCondition or OrCondition ? $"({Walk(c)})" : Walk(c);

    private static string Value(object? value) => new BoundLiteral(value, null!).ToString();
}
