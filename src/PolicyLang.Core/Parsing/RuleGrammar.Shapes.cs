using Pidgin;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;
using static Pidgin.Parser;
using static PolicyLang.Core.Parsing.GrammarPrimitives;
using static PolicyLang.Core.Parsing.ValueGrammar;

namespace PolicyLang.Core.Parsing;

// Value shapes written as rules: `expect length(x) between 1 and 64` (and `at least`, `at most`, a comparison) and
// `expect x parses as date "yyyy-MM-dd"` / `as json` / `as number`. Both bind as row conditions (RuleKind.Condition), so
// `where`, `or null` and tolerances apply as to any row rule. Properties, not fields (see RuleGrammar.Aggregates.cs).
internal static partial class RuleGrammar
{
    /// <summary><c>parses as date ["pattern"] | json | number</c> after a column; operands: the format word, then the pattern.</summary>
    private static Parser<Token, Check> ParsesCheck =>
        Map(
            (kw, _, format) => new Check(
                RuleKind.Condition, kw, "parses",
                format.Pattern is { } pattern ? [new WordValueSyntax(format.Format, format.Format.Span), pattern] : [new WordValueSyntax(format.Format, format.Format.Span)],
                (format.Pattern ?? (SyntaxNode)format.Format).Span),
            Kw("parses"),
            Kw("as"),
            ConditionGrammar.ParseFormat);

    /// <summary><c>length(x) between a and b | at least n | at most n | &lt;op&gt; n</c>, a condition on the length.</summary>
    private static Parser<Token, Body> LengthRule =>
        Map(
            (length, bound) =>
            {
                var value = (LengthValueSyntax)length;
                var span = TextSpan.Cover(value.Span, bound.End);
                ConditionSyntax condition = bound.Operator is null
                    ? new BetweenSyntax(value, bound.Operands[0], bound.Operands[1], span)
                    : new ComparisonSyntax(value, new IdentifierSyntax(bound.Operator, bound.Keyword.Span), bound.Operands[0], span);
                return new Body(RuleKind.Condition, value.Keyword, value.Column, null, [condition], bound.End);
            },
            ConditionGrammar.Length,
            AggregateBound);

    /// <summary><c>[strictly] increasing|decreasing [by column]</c> after a column; the operator is the direction as written, the operand the order column.</summary>
    private static Parser<Token, Check> MonotonicCheck =>
        Map(
            (strictly, direction, by) => new Check(
                RuleKind.Monotonic, direction, strictly.HasValue ? "strictly " + direction.Name : direction.Name,
                by.HasValue ? [new ColumnValueSyntax(by.Value, by.Value.Span)] : [],
                by.HasValue ? by.Value.Span : direction.Span),
            Kw("strictly").Optional(),
            OneOfWords("`increasing` or `decreasing`", "increasing", "decreasing"),
            Kw("by").Then(ColumnPath).Optional());
}
