using System.Text;

namespace PolicyLang.Runtime.Differential;

/// <summary>A portable <c>matches</c> pattern and what it means, written by hand from docs/language.md.</summary>
public sealed record RegexCase(string Pattern, Func<string, bool> Meaning);

/// <summary>
/// Patterns whose meaning differs between regex engines unless translated: anchors against a trailing newline, \d \s \w
/// against non-ASCII digits, spaces and letters, '.' against astral characters and newlines, case, alternation and classes.
/// </summary>
public static class RegexCases
{
    private static readonly HashSet<int> Spaces = ['\t', '\n', '\v', '\f', '\r', ' '];

    public static readonly RegexCase[] All =
    [
        new("^[0-9]+$", s => s.Length > 0 && s.All(IsDigit)),
        new(@"\d{2}", s => Windows(s, 2).Any(w => w.All(r => IsDigit(r.Value)))),
        new(@"^\s*$", s => s.EnumerateRunes().All(r => Spaces.Contains(r.Value))),
        new(@"\s", s => s.EnumerateRunes().Any(r => Spaces.Contains(r.Value))),
        new(@"^\w+$", s => s.Length > 0 && s.EnumerateRunes().All(r => IsWord(r.Value))),
        new(@"\W", s => s.EnumerateRunes().Any(r => !IsWord(r.Value))),
        new("^.$", s => s.EnumerateRunes().Count() == 1 && s != "\n"),
        new("^a", s => s.StartsWith('a')),
        new("abc$", s => s.EndsWith("abc", StringComparison.Ordinal)),
        new(@"^[^@\s]+@[^@\s]+$", s => s.Split('@') is [{ Length: > 0 } user, { Length: > 0 } host] && !(user + host).EnumerateRunes().Any(r => Spaces.Contains(r.Value))),
        new("\u00e9|\u65e5\u672c", s => s.Contains('\u00e9', StringComparison.Ordinal) || s.Contains("\u65e5\u672c", StringComparison.Ordinal)),
        new("^(?:NL|DE)$", s => s is "NL" or "DE"),
        new(@"x\.y", s => s.Contains("x.y", StringComparison.Ordinal)),
        new("x.y", s => Windows(s, 3).Any(w => w[0].Value == 'x' && w[1].Value != '\n' && w[2].Value == 'y')),
        new("^[A-Z][a-z]*$", s => s.Length > 0 && s[0] is >= 'A' and <= 'Z' && s.Skip(1).All(c => c is >= 'a' and <= 'z')),
        new("^[^a]$", s => s.EnumerateRunes().Count() == 1 && s != "a"),
        new("^$", s => s.Length == 0),
        new("^.{2}$", s => s.EnumerateRunes().Count() == 2 && !s.Contains('\n', StringComparison.Ordinal)),
    ];

    /// <summary>
    /// Patterns outside the portable subset: the language gives them no one meaning, so each engine runs them as written in
    /// its own dialect (and the compiler warns, GOV0218); they are not compared between engines.
    /// </summary>
    public static readonly string[] NonPortable = [@"\bword", "(?i)abc", @"(a)\1", @"\p{L}", "[[:alpha:]]", "a(?=b)"];

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsDigit(int c) => c is >= '0' and <= '9';

    private static bool IsWord(int c) => c is >= '0' and <= '9' or >= 'A' and <= 'Z' or >= 'a' and <= 'z' or '_';

    private static IEnumerable<Rune[]> Windows(string s, int width)
    {
        var runes = s.EnumerateRunes().ToArray();
        for (var i = 0; i + width <= runes.Length; i++)
        {
            yield return runes[i..(i + width)];
        }
    }
}
