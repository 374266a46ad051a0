using Pidgin;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;
using static Pidgin.Parser;
using static PolicyLang.Core.Parsing.GrammarPrimitives;
using static PolicyLang.Core.Parsing.ValueGrammar;

namespace PolicyLang.Core.Parsing;

// Rules decided once per dataset: `rows at most n` and the aggregates (`mean(x) between a and b`, `quantile(x, 0.95) <= 3`,
// `count distinct(x) at least 2`, `null fraction(x) at most 2%`). An aggregate word is also a valid column name, so an aggregate
// commits only once its `(` (or second word) follows. Properties, not fields: `Rule` (in RuleGrammar.cs) reads them while its
// file's fields initialize, and the order of static initializers across the files of a partial class is not defined.
internal static partial class RuleGrammar
{
    private sealed record Head(IdentifierSyntax Keyword, AggregateFunction Function, ColumnPathSyntax Column, ValueSyntax? Probability);

    private sealed record Bound(IdentifierSyntax Keyword, string? Operator, IReadOnlyList<ValueSyntax> Operands, TextSpan End);

    // `rows at least n` (RowsAtLeast, as ever) and `rows at most n` (a row-count bound).
    private static Parser<Token, Body> RowsAt =>
        Map(
            (rows, side, n) => side.Name == "least"
                ? new Body(RuleKind.RowsAtLeast, rows, null, null, [n], n.Span)
                : new Body(RuleKind.RowCount, rows, null, "<=", [n], n.Span),
            Try(Kw("rows").Before(Kw("at"))),
            OneOf(Kw("least"), Kw("most")),
            Number);

    private static Parser<Token, Head> Simple(AggregateFunction function) =>
        Map(
            (kw, column, _) => new Head(kw, function, column, null),
            Try(Kw(AggregateWords.Written[function]).Before(LParen)),
            ColumnPath,
            RParen);

    private static Parser<Token, Head> TwoWords(AggregateFunction function, string first, string second) =>
        Map(
            (kw, _, column, _) => new Head(kw, function, column, null),
            Try(Kw(first).Before(Kw(second))),
            LParen,
            ColumnPath,
            RParen);

    private static Parser<Token, Head> Quantile =>
        Map(
            (kw, column, _, p, _) => new Head(kw, AggregateFunction.Quantile, column, p),
            Try(Kw("quantile").Before(LParen)),
            ColumnPath,
            Comma,
            Number.Select<ValueSyntax>(n => n),
            RParen);

    private static Parser<Token, Head> AggregateHead => OneOf(
        Simple(AggregateFunction.Mean),
        Simple(AggregateFunction.Min),
        Simple(AggregateFunction.Max),
        Simple(AggregateFunction.Sum),
        Simple(AggregateFunction.StdDev),
        Simple(AggregateFunction.Median),
        Quantile,
        TwoWords(AggregateFunction.CountDistinct, "count", "distinct"),
        TwoWords(AggregateFunction.NullFraction, "null", "fraction"));

    private static Parser<Token, Bound> AggregateBound => OneOf(
            Map((kw, lo, _, hi) => new Bound(kw, null, [lo, hi], hi.Span), Kw("between"), Literal, Kw("and"), Literal),
            Map(
                (at, side, v) => new Bound(at, side.Name == "least" ? ">=" : "<=", [v], v.Span),
                Kw("at"),
                OneOf(Kw("least"), Kw("most")),
                Literal),
            Map((op, v) => new Bound(op, op.Name, [v], v.Span), CompareOperator, Literal))
        .LabelledAtStart("a bound (between, at least, at most, a comparison)");

    private static Parser<Token, Body> AggregateRule =>
        Map(
            (head, bound) => new Body(RuleKind.Aggregate, head.Keyword, head.Column, bound.Operator, bound.Operands, bound.End)
            {
                Function = head.Function, Probability = head.Probability,
            },
            AggregateHead,
            AggregateBound);
}
