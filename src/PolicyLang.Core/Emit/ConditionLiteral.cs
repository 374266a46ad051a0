using System.Globalization;

namespace PolicyLang.Core.Emit;

/// <summary>A bound <see cref="RowCondition"/> as the C# expression that builds it in the enforcement assembly (dates become instants, as other operands).</summary>
internal static class ConditionLiteral
{
    public static string Of(RowCondition condition) => condition switch
    {
        CompareCondition c => $"new CompareCondition({Operand(c.Left)}, {CSharpLiteral.Member(c.Operator)}, {Operand(c.Right)})",
        InCondition c => $"new InCondition({CSharpLiteral.String(c.Column)}, [{string.Join(", ", c.Values.Select(CSharpLiteral.Object))}])",
        MatchesCondition c => $"new MatchesCondition({CSharpLiteral.String(c.Column)}, {CSharpLiteral.String(c.Pattern)})",
        IsNullCondition c => $"new IsNullCondition({CSharpLiteral.String(c.Column)})",
        NotCondition c => $"new NotCondition({Of(c.Operand)})",
        AndCondition c => $"new AndCondition({Of(c.Left)}, {Of(c.Right)})",
        OrCondition c => $"new OrCondition({Of(c.Left)}, {Of(c.Right)})",
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.GetType().Name, "no C# form"),
    };

    private static string Operand(RowOperand operand) => operand switch
    {
        ColumnOperand c => $"new ColumnOperand({CSharpLiteral.String(c.Column)})",
        LiteralOperand l => $"new LiteralOperand({CSharpLiteral.Object(l.Value)})",
        ClockOperand k => $"new ClockOperand({(k.Today ? "true" : "false")})",
        _ => throw new ArgumentOutOfRangeException(nameof(operand), operand.GetType().Name, "no C# form"),
    };
}
