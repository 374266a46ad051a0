using PolicyLang.Core.Compilation;

namespace PolicyLang.Core.Services;

/// <summary>
/// Workspace symbol search over every file of a policy: the symbols whose name contains the query's characters in
/// order, ignoring case (<c>gsrc</c> finds <c>gaia_sources</c>), best matches first.
/// </summary>
public static class WorkspaceSymbols
{
    public static IReadOnlyList<PolicySymbolMatch> Search(PolicyCompilation compilation, string query, int limit)
    {
        var matches = new List<(PolicySymbolMatch Match, int Score)>();
        foreach (var file in compilation.Syntax.Select(s => s.Syntax.File))
        {
            Collect(DocumentSymbols.Of(compilation, file), null);

            void Collect(IReadOnlyList<PolicySymbol> symbols, string? container)
            {
                foreach (var symbol in symbols)
                {
                    if (Score(symbol.Name, query) is { } score)
                    {
                        matches.Add((new PolicySymbolMatch(symbol, file, container), score));
                    }

                    Collect(symbol.Children, symbol.Name);
                }
            }
        }

        return [.. matches.OrderBy(m => m.Score).ThenBy(m => m.Match.Symbol.Name, StringComparer.Ordinal).Take(limit).Select(m => m.Match)];
    }

    /// <summary>Null when <paramref name="query"/> is not a subsequence of <paramref name="name"/>; lower is better (exact, prefix, substring, scattered).</summary>
    private static int? Score(string name, string query)
    {
        if (query.Length == 0)
        {
            return 3;
        }

        if (name.Equals(query, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        if (name.StartsWith(query, StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        if (name.Contains(query, StringComparison.OrdinalIgnoreCase))
        {
            return 2;
        }

        var next = 0;
        foreach (var c in name)
        {
            if (next < query.Length && char.ToLowerInvariant(c) == char.ToLowerInvariant(query[next]))
            {
                next++;
            }
        }

        return next == query.Length ? 3 : null;
    }
}
