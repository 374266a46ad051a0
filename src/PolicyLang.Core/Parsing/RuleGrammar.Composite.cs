using Pidgin;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;
using static Pidgin.Parser;
using static PolicyLang.Core.Parsing.GrammarPrimitives;
using static PolicyLang.Core.Parsing.ValueGrammar;

namespace PolicyLang.Core.Parsing;

// Rules over a list of columns (docs/composite-keys.md): `expect (run_id, lane) unique` and
// `expect (run_id, lane) references runs.(run_id, lane)`. Nothing else after `expect` starts with `(`, so the form commits on it.
// Properties, not fields: `Rule` (in RuleGrammar.cs) reads them while its file's fields initialize.
internal static partial class RuleGrammar
{
    /// <summary><c>(a, b)</c>: the columns a composite rule checks together.</summary>
    private static Parser<Token, (IReadOnlyList<ColumnPathSyntax> Columns, TextSpan Span)> ColumnList =>
        Map(
            (open, columns, close) => ((IReadOnlyList<ColumnPathSyntax>)columns.ToArray(), TextSpan.Cover(open.Span, close.Span)),
            LParen,
            ColumnPath.SeparatedAtLeastOnce(Comma),
            RParen);

    /// <summary>
    /// The target of <c>references</c> after <c>dataset.</c>: a column (<see cref="QualifiedNameValueSyntax"/>) or a parenthesized list
    /// of columns (<see cref="CompositeNameValueSyntax"/>); the binder pairs them with the checked columns.
    /// </summary>
    private static Parser<Token, Func<IdentifierSyntax, ValueSyntax>> ReferenceTarget =>
        OneOf(
            Map(
                (open, columns, close) => (Func<IdentifierSyntax, ValueSyntax>)(ds =>
                    new CompositeNameValueSyntax(ds, columns.ToArray(), TextSpan.Cover(ds.Span, close.Span))),
                LParen,
                Name.LabelledAtStart("a column name").SeparatedAtLeastOnce(Comma),
                RParen),
            Name.LabelledAtStart("a column name or `(` and a list of columns").Select(col =>
                (Func<IdentifierSyntax, ValueSyntax>)(ds => new QualifiedNameValueSyntax(ds, col, Cover(ds, col)))));

    private static Check References(IdentifierSyntax keyword, ValueSyntax target) => new(RuleKind.References, keyword, null, [target], target.Span);

    private static Parser<Token, Check> CompositeCheck =>
        OneOf(
                Kw("unique").Select(kw => new Check(RuleKind.Unique, kw, null, [], kw.Span)),
                Map(
                    (kw, ds, _, target) => References(kw, target(ds)),
                    Kw("references"),
                    Name.LabelledAtStart("a dataset name"),
                    Dot,
                    ReferenceTarget))
            .LabelledAtStart("`unique` or `references` (the checks of a list of columns)");

    private static Parser<Token, Body> CompositeRule =>
        Map(
            (list, check) => new Body(check.Kind, check.KindKeyword, null, null, check.Operands, check.End) { Columns = list.Columns },
            ColumnList,
            CompositeCheck);
}
