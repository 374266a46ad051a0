using PolicyLang.LanguageServer.Protocol;

namespace PolicyLang.LanguageServer.Tests.Support;

/// <summary>LSP's relative semantic token encoding decoded to absolute tokens, with legend names.</summary>
internal static class SemanticTokenData
{
    public sealed record Token(int Line, int Character, int Length, string Type, IReadOnlyList<string> Modifiers);

    public static IReadOnlyList<Token> Decode(IReadOnlyList<int> data, IReadOnlyList<string> types, IReadOnlyList<string> modifiers)
    {
        var tokens = new List<Token>();
        var (line, character) = (0, 0);
        for (var i = 0; i + 4 < data.Count; i += 5)
        {
            line += data[i];
            character = data[i] == 0 ? character + data[i + 1] : data[i + 1];
            var bits = data[i + 4];
            tokens.Add(new Token(line, character, data[i + 2], types[data[i + 3]], [.. modifiers.Where((_, bit) => (bits & (1 << bit)) != 0)]));
        }

        return tokens;
    }

    public static Token At(this IReadOnlyList<Token> tokens, Position position) =>
        tokens.Single(t => t.Line == position.Line && t.Character == position.Character);
}
