using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

/// <summary>Message fragments naming the user's names (house style: backticks, one line, a hint where a near name exists).</summary>
internal static class Names
{
    private const int MaxListed = 8;

    /// <summary><c>`a`, `b`, `c`</c>.</summary>
    public static string List(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"`{n}`"));

    /// <summary>"; did you mean `x`?" when a near name exists, else "; declared: `a`, `b`" (or nothing when there are none or too many).</summary>
    public static string HintOrList(string name, IEnumerable<string> candidates)
    {
        var all = candidates.ToList();
        var hint = Suggestions.Hint(name, all);
        if (hint.Length > 0 || all.Count == 0 || all.Count > MaxListed)
        {
            return hint;
        }

        return $"; declared: {List(all)}";
    }

    /// <summary>"; did you mean `x`?" when a near allowed word exists, else the allowed words.</summary>
    public static string HintOrAllowed(string word, IReadOnlyCollection<string> allowed)
    {
        var hint = Suggestions.Hint(word, allowed);
        return hint.Length > 0 ? hint : $"; expected {string.Join(", ", allowed.Select(a => $"`{a}`"))}";
    }

    /// <summary>
    /// Reports a declared name that is not an identifier. The lexer lets `-` and `.` into words for keywords
    /// (`storage-class`, `nist-csf-1.1`); non-ASCII letters are already reported by the lexer.
    /// </summary>
    public static void CheckDeclared(BindingContext ctx, IdentifierSyntax name, string what)
    {
        if (name.Name.Contains('-', StringComparison.Ordinal) || name.Name.Contains('.', StringComparison.Ordinal))
        {
            var fixedName = name.Name.Replace('-', '_').Replace('.', '_');
            ctx.Report(BindingDiagnostics.InvalidName, name, $"`{name.Name}` is not a valid {what} name: names are letters, digits and `_`; write `{fixedName}`");
        }
    }

    /// <summary>"a" or "an" before a store or location kind: "an `s3` store" ("s3" is read "ess-three").</summary>
    public static string Article(string word) =>
        word == "s3" || (word.Length > 0 && "aeiou".Contains(char.ToLowerInvariant(word[0]), StringComparison.Ordinal)) ? "an" : "a";
}
