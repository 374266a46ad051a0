using PolicyLang.Core.Services;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary>The legend the server advertises: LSP standard token type names in <see cref="SemanticTokenType"/> order (docs/language-server.md).</summary>
internal static class SemanticTokenLegend
{
    public static IReadOnlyList<string> TokenTypes { get; } =
        [.. Enum.GetValues<SemanticTokenType>().Select(t => char.ToLowerInvariant(t.ToString()[0]) + t.ToString()[1..])];

    public static IReadOnlyList<string> TokenModifiers { get; } = ["declaration"];
}
