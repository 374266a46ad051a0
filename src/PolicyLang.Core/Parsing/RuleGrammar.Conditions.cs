using Pidgin;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;
using static Pidgin.Parser;
using static PolicyLang.Core.Parsing.GrammarPrimitives;
using static PolicyLang.Core.Parsing.ValueGrammar;

namespace PolicyLang.Core.Parsing;

/// <summary>The rule forms written as conditions (<c>not in</c>, <c>not matches</c>, <c>is null</c>) and the <c>tolerance</c> and <c>incremental by</c> options.</summary>
internal static partial class RuleGrammar
{
    /// <summary>After <c>not</c>: <c>null</c> (the existing rule), <c>in [..]</c> or <c>matches "re"</c>.</summary>
    private static readonly Parser<Token, Func<IdentifierSyntax, Check>> NotCheck = OneOf(
            Kw("null").Select(nul => (Func<IdentifierSyntax, Check>)(not => new Check(RuleKind.NotNull, not, null, [], nul.Span))),
            Kw("in").Then(List).Select(list => (Func<IdentifierSyntax, Check>)(not => new Check(RuleKind.Condition, not, "not in", [list], list.Span))),
            Kw("matches").Then(StringValue).Select(p => (Func<IdentifierSyntax, Check>)(not => new Check(RuleKind.Condition, not, "not matches", [p], p.Span))))
        .LabelledAtStart("`null`, `in [..]` or `matches \"re\"`");

    /// <summary><c>tolerance p%</c>, optionally <c>of all rows</c> (the default) or <c>of applicable rows</c>.</summary>
    private static readonly Parser<Token, SettingSyntax> Tolerance =
        Map(
            (kw, value, of) => new SettingSyntax(kw, of.HasValue ? [value, of.Value] : [value], TextSpan.Cover(kw.Span, of.HasValue ? of.Value.Span : value.Span)),
            Kw("tolerance"),
            OneOf(Percent, Number.Select<ValueSyntax>(n => n)),
            Map(
                (_, which, rows) => (ValueSyntax)new WordValueSyntax(which, TextSpan.Cover(which.Span, rows.Span)),
                Kw("of"),
                OneOfWords("`all` or `applicable`", "all", "applicable"),
                Kw("rows")).Optional());

    /// <summary><c>incremental by &lt;column&gt;</c>: the rule checks only rows above the last successful run's watermark (docs/incremental-checks.md).</summary>
    private static readonly Parser<Token, SettingSyntax> Incremental =
        Map((kw, _, column) => new SettingSyntax(kw, [column], Cover(kw, column)), Kw("incremental"), Kw("by"), Word.LabelledAtStart("a watermark column"));

    private static ConditionSyntax NegatedForm(ColumnPathSyntax column, Check check)
    {
        var span = TextSpan.Cover(column.Span, check.End);
        return check.Operator switch
        {
            "not in" => new InSyntax(column, check.KindKeyword, check.Operands[0], span),
            "not matches" => new MatchesSyntax(column, check.KindKeyword, check.Operands[0], span),
            "parses" => new ParsesSyntax(column, ((WordValueSyntax)check.Operands[0]).Word, check.Operands.Count > 1 ? check.Operands[1] : null, span),
            _ => new NullTestSyntax(column, check.Operator == "is not null", span),
        };
    }
}
