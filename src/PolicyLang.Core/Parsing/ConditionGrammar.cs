using System.Diagnostics.CodeAnalysis;
using Pidgin;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;
using static Pidgin.Parser;
using static PolicyLang.Core.Parsing.GrammarPrimitives;
using static PolicyLang.Core.Parsing.ValueGrammar;

namespace PolicyLang.Core.Parsing;

/// <summary>
/// Row conditions (docs/language.md "Row conditions"): predicates on one row combined with <c>not</c>, <c>and</c>, <c>or</c> and
/// parentheses, with SQL's precedence (not, then and, then or). The subject of a predicate is a column (a word, a dotted path or a
/// quoted name); the other operands are literals, <c>now</c>, <c>today</c>, or columns written as words or dotted paths.
/// Parentheses nest at most <see cref="MaxDepth"/> deep, so no input can make the parser recurse without bound.
/// </summary>
internal static class ConditionGrammar
{
    public const int MaxDepth = 32;

    /// <summary><c>now</c>, <c>today</c>, <c>true</c>, <c>false</c>: words that are values, not columns, in a condition.</summary>
    public static readonly string[] ValueWords = ["now", "today", "true", "false"];

    // `true` and `false` are values everywhere (not keywords of the grammar file); `now` and `today` are keywords of conditions.
    private static readonly Parser<Token, ValueSyntax> ValueWord =
        OneOf(
                OneOfWords("`now` or `today`", "now", "today"),
                Parser<Token>.Token(t => t.IsWord("true") || t.IsWord("false")).Select(ToIdentifier))
            .Select<ValueSyntax>(w => new WordValueSyntax(w, w.Span))
            .Labelled("`now`, `today`, `true` or `false`");

    /// <summary>A column as an operand: a single word stays a <see cref="WordValueSyntax"/> (as in existing rules), a path or quoted name a <see cref="ColumnValueSyntax"/>.</summary>
    private static readonly Parser<Token, ValueSyntax> ColumnOperand =
        ColumnPath.Select<ValueSyntax>(p => p.Parts is [{ Quoted: false } only] ? new WordValueSyntax(only, only.Span) : new ColumnValueSyntax(p, p.Span));

    /// <summary>The operand after a comparison or <c>between</c>: a literal, a list, <c>now</c>/<c>today</c>/<c>true</c>/<c>false</c>, or a column (a word or dotted path).</summary>
    public static readonly Parser<Token, ValueSyntax> Operand = OneOf(
            StringValue,
            Number.Select<ValueSyntax>(n => n),
            Percent,
            Date.Select<ValueSyntax>(d => d),
            List,
            ValueWord,
            Name.SeparatedAtLeastOnce(Dot).Select(parts => parts.ToArray())
                .Select<ValueSyntax>(parts => parts.Length == 1 ? new WordValueSyntax(parts[0], parts[0].Span) : new ColumnValueSyntax(new ColumnPathSyntax(parts, Cover(parts[0], parts[^1])), Cover(parts[0], parts[^1]))))
        .LabelledAtStart("a value or a column");

    /// <summary><c>length(column)</c>; commits once its parenthesis follows (a column may be named <c>length</c>).</summary>
    public static readonly Parser<Token, ValueSyntax> Length =
        Map(
            (kw, column, close) => (ValueSyntax)new LengthValueSyntax(kw, column, TextSpan.Cover(kw.Span, close.Span)),
            Try(Kw("length").Before(LParen)),
            ColumnPath,
            RParen);

    /// <summary>After <c>parses as</c>: <c>date ["pattern"]</c>, <c>json</c> or <c>number</c>, as the format word and the optional pattern.</summary>
    public static readonly Parser<Token, (IdentifierSyntax Format, ValueSyntax? Pattern)> ParseFormat = OneOf(
            Map((date, pattern) => (date, pattern.HasValue ? pattern.Value : (ValueSyntax?)null), Kw("date"), StringValue.Optional()),
            OneOfWords("`date`, `json` or `number`", "json", "number").Select(w => (w, (ValueSyntax?)null)))
        .LabelledAtStart("`date`, `json` or `number`");

    private static readonly Parser<Token, ValueSyntax> Subject = OneOf(
            Length,
            StringValue.Select<ValueSyntax>(s => new ColumnValueSyntax(new ColumnPathSyntax([new IdentifierSyntax(((StringValueSyntax)s).Value, s.Span) { Quoted = true }], s.Span), s.Span)),
            Number.Select<ValueSyntax>(n => n),
            Date.Select<ValueSyntax>(d => d),
            ValueWord,
            ColumnOperand)
        .LabelledAtStart("a column");

    private static readonly Parser<Token, IdentifierSyntax> CompareOperator =
        Parser<Token>.Token(t => t.Kind is TokenKind.Less or TokenKind.Greater or TokenKind.LessOrEqual
                or TokenKind.GreaterOrEqual or TokenKind.Equal or TokenKind.NotEqual)
            .Select(ToIdentifier)
            .LabelledAtStart("a comparison (>, <, >=, <=, =, !=)");

    private static ColumnPathSyntax? PathOf(ValueSyntax subject) => subject switch
    {
        ColumnValueSyntax c => c.Path,
        WordValueSyntax { Word.Name: var name } w when !ValueWords.Contains(name) => new ColumnPathSyntax([w.Word], w.Span),
        _ => null,
    };

    /// <summary>What follows the subject of a predicate; the subject is applied once it is parsed.</summary>
    private static readonly Parser<Token, Func<ValueSyntax, ConditionSyntax>> Tail = OneOf(
            Map(
                (op, right) => (Func<ValueSyntax, ConditionSyntax>)(left => new ComparisonSyntax(left, op, right, TextSpan.Cover(left.Span, right.Span))),
                CompareOperator,
                Operand),
            Map(
                (_, lo, _, hi) => (Func<ValueSyntax, ConditionSyntax>)(v => new BetweenSyntax(v, lo, hi, TextSpan.Cover(v.Span, hi.Span))),
                Kw("between"),
                Operand,
                Kw("and"),
                Operand),
            Map(
                (_, list) => (Func<ValueSyntax, ConditionSyntax>)(v => new InSyntax(Column(v), null, list, TextSpan.Cover(v.Span, list.Span))),
                Kw("in"),
                List),
            Map(
                (_, pattern) => (Func<ValueSyntax, ConditionSyntax>)(v => new MatchesSyntax(Column(v), null, pattern, TextSpan.Cover(v.Span, pattern.Span))),
                Kw("matches"),
                StringValue),
            Map(
                (_, _, format) => (Func<ValueSyntax, ConditionSyntax>)(v => new ParsesSyntax(Column(v), format.Format, format.Pattern, TextSpan.Cover(v.Span, (format.Pattern ?? (SyntaxNode)format.Format).Span))),
                Kw("parses"),
                Kw("as"),
                ParseFormat),
            Map(
                (_, not, nul) => (Func<ValueSyntax, ConditionSyntax>)(v => new NullTestSyntax(Column(v), not.HasValue, TextSpan.Cover(v.Span, nul.Span))),
                Kw("is"),
                Kw("not").Optional(),
                Kw("null")),
            Map(
                (not, rest) => (Func<ValueSyntax, ConditionSyntax>)(v => rest(v, not)),
                Kw("not"),
                OneOf(
                    Kw("null").Select(nul => (Func<ValueSyntax, IdentifierSyntax, ConditionSyntax>)((v, _) => new NullTestSyntax(Column(v), true, TextSpan.Cover(v.Span, nul.Span)))),
                    Kw("in").Then(List).Select(list => (Func<ValueSyntax, IdentifierSyntax, ConditionSyntax>)((v, n) => new InSyntax(Column(v), n, list, TextSpan.Cover(v.Span, list.Span)))),
                    Kw("matches").Then(StringValue).Select(p => (Func<ValueSyntax, IdentifierSyntax, ConditionSyntax>)((v, n) => new MatchesSyntax(Column(v), n, p, TextSpan.Cover(v.Span, p.Span)))))))
        .LabelledAtStart("a test (a comparison, between, in, not in, matches, not matches, parses as, is null, is not null)");

    // A subject that is not a column where one is needed (`5 in [..]`) keeps its span; the binder reports it.
    private static ColumnPathSyntax Column(ValueSyntax subject) =>
        PathOf(subject) ?? new ColumnPathSyntax([new IdentifierSyntax(string.Empty, subject.Span)], subject.Span);

    private static readonly Parser<Token, ConditionSyntax> Predicate =
        Map((subject, tail) => tail(subject), Subject, Tail);

    private static readonly Parser<Token, ConditionSyntax> Primary = OneOf(
        Map(
            (open, inner, close) => (ConditionSyntax)new ParenthesizedSyntax(inner, TextSpan.Cover(open.Span, close.Span)),
            LParen,
            Rec(() => Nested!),
            RParen),
        Predicate);

    private static readonly Parser<Token, ConditionSyntax> Negated =
        Map(
            (nots, primary) => nots.Reverse().Aggregate(primary, (inner, not) => new NotSyntax(not, inner, TextSpan.Cover(not.Span, inner.Span))),
            Kw("not").Many(),
            Primary);

    // `or null` after a condition belongs to the rule (`where x = 1 or null`), so `or` only continues one when `null` does not follow.
    private static readonly Parser<Token, IdentifierSyntax> OrKeyword = Try(Kw("or").Before(Not(Kw("null"))));

    private static readonly Parser<Token, ConditionSyntax> Conjunction =
        Map(
            (first, rest) => rest.Aggregate(first, (left, next) => new LogicalSyntax(left, next.Op, next.Right, TextSpan.Cover(left.Span, next.Right.Span))),
            Negated,
            Map((op, right) => (Op: op, Right: right), Kw("and"), Negated).Many());

    /// <summary>A whole condition.</summary>
    public static readonly Parser<Token, ConditionSyntax> Condition =
        Map(
            (first, rest) => rest.Aggregate(first, (left, next) => new LogicalSyntax(left, next.Op, next.Right, TextSpan.Cover(left.Span, next.Right.Span))),
            Conjunction,
            Map((op, right) => (Op: op, Right: right), OrKeyword, Conjunction).Many())
        .LabelledAtStart("a condition");

    private static readonly Parser<Token, ConditionSyntax> Nested = new DepthLimited(Rec(() => Condition));

    /// <summary>Fails (as a syntax error, not a stack overflow) once parentheses nest deeper than <see cref="MaxDepth"/>.</summary>
    private sealed class DepthLimited(Parser<Token, ConditionSyntax> inner) : Parser<Token, ConditionSyntax>
    {
        [ThreadStatic]
        private static int depth;

        public override bool TryParse(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, [MaybeNullWhen(false)] out ConditionSyntax result)
        {
            if (depth >= MaxDepth)
            {
                expecteds.Add(new Expected<Token>($"at most {MaxDepth} nested parentheses"));
                result = null;
                return false;
            }

            depth++;
            try
            {
                return inner.TryParse(ref state, ref expecteds, out result);
            }
            finally
            {
                depth--;
            }
        }
    }
}
