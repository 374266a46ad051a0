using System.Diagnostics.CodeAnalysis;
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

    public static Parser<Token, IdentifierSyntax> Kw(string word)
    {
        PolicyKeywords.Register(word);
        return Token(t => t.IsWord(word)).Select(ToIdentifier).Labelled($"`{word}`");
    }

    public static Parser<Token, IdentifierSyntax> OneOfWords(string label, params string[] words)
    {
        PolicyKeywords.Register(words);
        return Token(t => t.Kind == TokenKind.Word && words.Contains(t.Text)).Select(ToIdentifier).Labelled(label);
    }

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

    /// <summary>
    /// Like Pidgin's <c>Labelled</c>, but only when <paramref name="parser"/> fails before consuming a token.
    /// Once it has consumed some (<c>fresher</c> of <c>fresher than</c>), its own expectation is kept, so the
    /// message names what is missing there ("expected `than`") instead of the whole construct again.
    /// </summary>
    public static Parser<Token, T> LabelledAtStart<T>(this Parser<Token, T> parser, string label) =>
        new LabelledAtStartParser<T>(parser, new Expected<Token>(label));

    private sealed class LabelledAtStartParser<T>(Parser<Token, T> inner, Expected<Token> label) : Parser<Token, T>
    {
        public override bool TryParse(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, [MaybeNullWhen(false)] out T result)
        {
            var start = state.Location;
            var innerExpecteds = new PooledList<Expected<Token>>(state.Configuration.ArrayPoolProvider.GetArrayPool<Expected<Token>>());
            var success = inner.TryParse(ref state, ref innerExpecteds, out result);
            if (!success && state.Location == start)
            {
                expecteds.Add(label);
            }
            else if (!success)
            {
                expecteds.AddRange(innerExpecteds.AsSpan());
            }

            innerExpecteds.Dispose();
            return success;
        }
    }
}
