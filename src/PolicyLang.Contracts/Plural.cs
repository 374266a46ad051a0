// Shared by Core and the Runtime, so every count a user reads — diagnostics, plans, summaries, audit details — is spelled
// the same way: "1 row", "2 rows", "1 batch", "0 queries".
using System.Globalization;

namespace PolicyLang.Contracts;

/// <summary>A count and its noun in the right number: <c>Plural.Of(1, "row")</c> is "1 row", <c>Plural.Of(2, "batch")</c> "2 batches".</summary>
public static class Plural
{
    /// <summary>
    /// <paramref name="count"/> in invariant digits and <paramref name="singular"/>, or its plural for any count but 1:
    /// <paramref name="plural"/> when given, else the regular English plural (<c>batch</c> → <c>batches</c>,
    /// <c>query</c> → <c>queries</c>, <c>row</c> → <c>rows</c>).
    /// </summary>
    public static string Of(long count, string singular, string? plural = null) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {Noun(count, singular, plural)}";

    /// <summary>The noun alone, in the number <paramref name="count"/> asks for.</summary>
    public static string Noun(long count, string singular, string? plural = null) =>
        count == 1 ? singular : plural ?? Regular(singular);

    private static string Regular(string word)
    {
        if (word.EndsWith("s", StringComparison.Ordinal) || word.EndsWith("x", StringComparison.Ordinal)
            || word.EndsWith("ch", StringComparison.Ordinal) || word.EndsWith("sh", StringComparison.Ordinal))
        {
            return word + "es";
        }

        if (word.Length > 1 && word[^1] == 'y' && "aeiou".IndexOf(word[^2]) < 0)
        {
            return word[..^1] + "ies";
        }

        return word + "s";
    }
}
