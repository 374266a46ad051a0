using System.Collections.Concurrent;

namespace PolicyLang.Core.Parsing;

/// <summary>
/// Every word the parser matches literally (declaration, setting, rule and option keywords, duration units,
/// location kinds), collected from the grammar's own productions as they are built, so the list cannot fall
/// behind the parser. Editors use it (the TextMate grammar is tested against it).
/// </summary>
public static class PolicyKeywords
{
    private static readonly ConcurrentDictionary<string, byte> Registered = new(StringComparer.Ordinal);

    /// <summary>The keywords, sorted ordinally.</summary>
    public static IReadOnlyList<string> All => LazyAll.Value;

    private static readonly Lazy<IReadOnlyList<string>> LazyAll = new(() =>
    {
        // Building the productions registers their words (GrammarPrimitives.Kw, OneOfWords).
        _ = GovGrammar.Declaration;
        return Registered.Keys.Order(StringComparer.Ordinal).ToArray();
    });

    internal static void Register(params string[] words)
    {
        foreach (var word in words)
        {
            Registered.TryAdd(word, 0);
        }
    }
}
