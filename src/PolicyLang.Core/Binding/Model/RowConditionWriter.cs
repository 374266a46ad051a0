namespace PolicyLang.Core.Binding.Model;

/// <summary>
/// One walk over a bound <see cref="RowCondition"/> for every writer of one (the language text of documents and reports,
/// <see cref="ConditionText"/>; the C# that rebuilds it in the enforcement assembly, <c>ConditionLiteral</c>): each node kind is a method,
/// so a new kind of condition or operand is one method more in each writer, and no writer can miss it.
/// </summary>
internal abstract class RowConditionWriter
{
    public string Walk(RowCondition condition) => condition switch
    {
        CompareCondition c => Compare(c),
        InCondition c => In(c),
        MatchesCondition c => Matches(c),
        IsNullCondition c => IsNull(c),
        ParsesCondition c => Parses(c),
        NotCondition c => Not(c),
        AndCondition c => And(c),
        OrCondition c => Or(c),
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.GetType().Name, "unknown row condition"),
    };

    public string Walk(RowOperand operand) => operand switch
    {
        ColumnOperand c => Column(c),
        LiteralOperand l => Literal(l),
        ClockOperand k => Clock(k),
        LengthOperand l => Length(l),
        _ => throw new ArgumentOutOfRangeException(nameof(operand), operand.GetType().Name, "unknown operand"),
    };

    protected abstract string Compare(CompareCondition c);

    protected abstract string In(InCondition c);

    protected abstract string Matches(MatchesCondition c);

    protected abstract string IsNull(IsNullCondition c);

    protected abstract string Parses(ParsesCondition c);

    protected abstract string Not(NotCondition c);

    protected abstract string And(AndCondition c);

    protected abstract string Or(OrCondition c);

    protected abstract string Column(ColumnOperand c);

    protected abstract string Literal(LiteralOperand l);

    protected abstract string Clock(ClockOperand k);

    protected abstract string Length(LengthOperand l);
}
