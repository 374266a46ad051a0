using Pidgin;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;
using static Pidgin.Parser<PolicyLang.Core.Parsing.Token>;

namespace PolicyLang.Core.Parsing;

/// <summary>Token-level building blocks shared by the productions of <see cref="GovGrammar"/>.</summary>
internal static class GrammarPrimitives
{
    public static readonly string[] DurationUnits =
        ["minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years"];

    public static Parser<Token, Token> Tok(TokenKind kind, string label) =>
        Token(t => t.Kind == kind).Labelled(label);

    public static Parser<Token, IdentifierSyntax> Kw(string word) =>
        Token(t => t.IsWord(word)).Select(ToIdentifier).Labelled($"`{word}`");

    public static Parser<Token, IdentifierSyntax> OneOfWords(string label, params string[] words) =>
        Token(t => t.Kind == TokenKind.Word && words.Contains(t.Text)).Select(ToIdentifier).Labelled(label);

    public static IdentifierSyntax ToIdentifier(Token t) => new(t.Text, t.Span);

    public static TextSpan Cover(SyntaxNode first, SyntaxNode last) => TextSpan.Cover(first.Span, last.Span);

    public static TextSpan Cover(SyntaxNode first, IReadOnlyList<SyntaxNode> rest) =>
        rest.Count == 0 ? first.Span : TextSpan.Cover(first.Span, rest[^1].Span);

    public static T? OrNull<T>(this Maybe<T> maybe)
        where T : class => maybe.HasValue ? maybe.Value : null;

    /// <summary>A keyword followed by the values its shape allows.</summary>
    public static Parser<Token, SettingSyntax> Setting(string keyword, Parser<Token, ValueSyntax> value) =>
        Parser.Map((kw, v) => new SettingSyntax(kw, [v], Cover(kw, v)), Kw(keyword), value);

    public static Parser<Token, SettingSyntax> ListSetting(string keyword, Parser<Token, ValueSyntax> item) =>
        Parser.Map(
            (kw, items) => new SettingSyntax(kw, items.ToArray(), Cover(kw, items.ToArray())),
            Kw(keyword),
            item.SeparatedAtLeastOnce(Tok(TokenKind.Comma, "`,`")));

    public static Parser<Token, SettingSyntax> Flag(string keyword) =>
        Kw(keyword).Select(kw => new SettingSyntax(kw, [], kw.Span));
}
