using Pidgin;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;
using static Pidgin.Parser;
using static PolicyLang.Core.Parsing.GrammarPrimitives;

namespace PolicyLang.Core.Parsing;

/// <summary>Names, literals and values shared by the declaration and rule productions.</summary>
internal static class ValueGrammar
{
    // ---- punctuation ----
    public static readonly Parser<Token, Token> LBrace = Tok(TokenKind.LeftBrace, "`{`");
    public static readonly Parser<Token, Token> RBrace = Tok(TokenKind.RightBrace, "`}`");
    public static readonly Parser<Token, Token> LBracket = Tok(TokenKind.LeftBracket, "`[`");
    public static readonly Parser<Token, Token> RBracket = Tok(TokenKind.RightBracket, "`]`");
    public static readonly Parser<Token, Token> LParen = Tok(TokenKind.LeftParen, "`(`");
    public static readonly Parser<Token, Token> RParen = Tok(TokenKind.RightParen, "`)`");
    public static readonly Parser<Token, Token> Comma = Tok(TokenKind.Comma, "`,`");
    public static readonly Parser<Token, Token> Colon = Tok(TokenKind.Colon, "`:`");
    public static readonly Parser<Token, Token> Dot = Tok(TokenKind.Dot, "`.`");

    // ---- names and literals ----
    public static readonly Parser<Token, IdentifierSyntax> Name =
        Tok(TokenKind.Word, "a name").Select(ToIdentifier);

    public static readonly Parser<Token, StringLiteralSyntax> StringLiteral =
        Tok(TokenKind.String, SyntaxDiagnostics.StringLabel).Select(t => new StringLiteralSyntax(t.Text, t.Span));

    public static readonly Parser<Token, ValueSyntax> StringValue =
        Tok(TokenKind.String, SyntaxDiagnostics.StringLabel).Select<ValueSyntax>(t => new StringValueSyntax(t.Text, t.Span));

    public static readonly Parser<Token, NumberValueSyntax> Number =
        Tok(TokenKind.Number, "a number").Select(t => new NumberValueSyntax(t.Text, t.Span));

    public static readonly Parser<Token, ValueSyntax> Percent =
        Tok(TokenKind.Percent, "a percentage").Select<ValueSyntax>(t => new PercentValueSyntax(t.Text.TrimEnd('%'), t.Span));

    public static readonly Parser<Token, DateValueSyntax> Date =
        Tok(TokenKind.Date, "a date (yyyy-mm-dd)").Select(t => new DateValueSyntax(t.Text, t.Span));

    public static readonly Parser<Token, ValueSyntax> Word =
        Name.Select<ValueSyntax>(n => new WordValueSyntax(n, n.Span));

    public static readonly Parser<Token, DurationValueSyntax> Duration =
        Map(
            (n, unit) => new DurationValueSyntax(n, unit, Cover(n, unit)),
            Number,
            OneOfWords("a duration unit (minutes, hours, days, weeks, months, years)", DurationUnits))
        .LabelledAtStart("a duration such as `30 days`");

    // `env` is also a valid bare word, hence Try: only `env (` starts an env() value.
    public static readonly Parser<Token, ValueSyntax> Env =
        Try(Kw("env").Before(LParen)).Then(StringLiteral, (kw, name) => (kw, name)).Then(
            RParen,
            (x, close) => (ValueSyntax)new EnvValueSyntax(x.name, TextSpan.Cover(x.kw.Span, close.Span)))
        .LabelledAtStart("`env(\"NAME\")`");

    private static readonly Parser<Token, ValueSyntax> Scalar =
        OneOf(StringValue, Number.Select<ValueSyntax>(n => n), Percent, Date.Select<ValueSyntax>(d => d), Word)
        .LabelledAtStart("a value");

    // Items are scalars: a list never nests, so no input can make the parser recurse deeply.
    public static readonly Parser<Token, ValueSyntax> List =
        Map(
            (open, items, close) => (ValueSyntax)new ListValueSyntax(items.ToArray(), TextSpan.Cover(open.Span, close.Span)),
            LBracket,
            Scalar.SeparatedAndOptionallyTerminated(Comma),
            RBracket)
        .LabelledAtStart("a list `[a, b]`");

    /// <summary>Operands of rules and test rows.</summary>
    public static readonly Parser<Token, ValueSyntax> Literal =
        OneOf(Scalar, List).LabelledAtStart("a value");

    /// <summary>A column name: a word, or a quoted name for one that is not a plain word (<c>"größe"</c>, <c>"order"</c>, <c>"name with space"</c>).</summary>
    public static readonly Parser<Token, IdentifierSyntax> ColumnName =
        OneOf(Name, Tok(TokenKind.String, "a quoted column name").Select(t => new IdentifierSyntax(t.Text, t.Span) { Quoted = true }));

    public static readonly Parser<Token, ColumnPathSyntax> ColumnPath =
        ColumnName.SeparatedAtLeastOnce(Dot)
            .Select(parts => parts.ToArray())
            .Select(parts => new ColumnPathSyntax(parts, Cover(parts[0], parts[^1])))
            .LabelledAtStart("a column name");

    public static readonly Parser<Token, SafeguardIdSyntax> SafeguardId =
        Tok(TokenKind.Number, "a safeguard id such as `3.1`").Select(t => new SafeguardIdSyntax(t.Text, t.Span));
}
