using PolicyLang.Core.Binding.Model;

namespace PolicyLang.Core.Emit;

/// <summary>A bound <see cref="RowCondition"/> as the C# expression that builds it in the enforcement assembly (dates become instants, as other operands).</summary>
internal sealed class ConditionLiteral : RowConditionWriter
{
    private static readonly ConditionLiteral Instance = new();

    public static string Of(RowCondition condition) => Instance.Walk(condition);

    protected override string Compare(CompareCondition c) => $"new CompareCondition({Walk(c.Left)}, {CSharpLiteral.Member(c.Operator)}, {Walk(c.Right)})";

    protected override string In(InCondition c) => $"new InCondition({CSharpLiteral.String(c.Column)}, [{string.Join(", ", c.Values.Select(CSharpLiteral.Object))}])";

    protected override string Matches(MatchesCondition c) => $"new MatchesCondition({CSharpLiteral.String(c.Column)}, {CSharpLiteral.String(c.Pattern)})";

    protected override string IsNull(IsNullCondition c) => $"new IsNullCondition({CSharpLiteral.String(c.Column)})";

    protected override string Parses(ParsesCondition c) =>
        $"new ParsesCondition({CSharpLiteral.String(c.Column)}, {CSharpLiteral.Member(c.Format)}, {(c.Pattern is { } p ? CSharpLiteral.String(p) : "null")})";

    protected override string Not(NotCondition c) => $"new NotCondition({Walk(c.Operand)})";

    protected override string And(AndCondition c) => $"new AndCondition({Walk(c.Left)}, {Walk(c.Right)})";

    protected override string Or(OrCondition c) => $"new OrCondition({Walk(c.Left)}, {Walk(c.Right)})";

    protected override string Column(ColumnOperand c) => $"new ColumnOperand({CSharpLiteral.String(c.Column)})";

    protected override string Literal(LiteralOperand l) => $"new LiteralOperand({CSharpLiteral.Object(l.Value)})";

    protected override string Clock(ClockOperand k) => $"new ClockOperand({(k.Today ? "true" : "false")})";

    protected override string Length(LengthOperand l) => $"new LengthOperand({CSharpLiteral.String(l.Column)})";
}
