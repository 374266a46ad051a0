using System.Text.RegularExpressions;
using PolicyLang.Core.Compilation;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Services;

/// <summary>
/// The edits of a rename. Besides every occurrence of the name: a rule known by its default name gets <c>as</c>
/// with the new name, and renaming a column renames the default names of its rules where tests name them. A rename
/// is then checked by compiling the renamed policy: it must report the same diagnostics, modulo the name.
/// </summary>
internal static partial class NavigationRename
{
    /// <summary>Words that a name may not be: they start or connect constructs where names stand.</summary>
    private static readonly HashSet<string> Reserved = new(
        KeywordDocs.Declarations.Concat(KeywordDocs.Settings).Concat(KeywordDocs.RuleWords).Select(d => d.Keyword)
            .Concat(["in", "to", "and", "than", "at", "least", "every", "keep", "until", "on", "null", "true", "false", "now", "env"]),
        StringComparer.Ordinal);

    // CIS 3.11 judges "confidential or higher" by this level's name (docs/controls-and-docs.md).
    private const string SensitiveLevel = "confidential";

    public static RenameResult Rename(PolicyCompilation compilation, PolicyName symbol, string newName)
    {
        if (Refusal(compilation, symbol, newName) is { } refusal)
        {
            return new RenameResult([], refusal);
        }

        if (newName == symbol.Name)
        {
            return new RenameResult([], null);
        }

        var edits = Edits(NavigationIndex.For(compilation), symbol, newName);
        return Changes(compilation, edits, symbol.Name, newName) is { } change
            ? new RenameResult([], $"renaming {symbol.Describe()} to `{newName}` would change what the policy means: {change}")
            : new RenameResult(edits, null);
    }

    /// <summary>Why <paramref name="newName"/> cannot be used, or null.</summary>
    public static string? Refusal(PolicyCompilation compilation, PolicyName symbol, string newName)
    {
        if (!Identifier().IsMatch(newName))
        {
            return $"`{newName}` is not a valid name: names start with a letter or `_` and hold letters, digits and `_`";
        }

        if (Reserved.Contains(newName))
        {
            return $"`{newName}` is a keyword of the language; choose another name";
        }

        if (symbol.Kind == PolicySymbolKind.ClassificationLevel && (symbol.Name == SensitiveLevel || newName == SensitiveLevel) && symbol.Name != newName)
        {
            return $"CIS 3.11 judges encryption for data classified `{SensitiveLevel}` or higher, by that name: renaming to or from it changes the policy's coverage";
        }

        var taken = new PolicyName(symbol.Kind, newName, symbol.Dataset);
        if (newName != symbol.Name && NavigationIndex.For(compilation).Of(taken).Any(o => o.IsDeclaration))
        {
            return $"{taken.Describe()} already exists";
        }

        return null;
    }

    private static List<TextEdit> Edits(NavigationIndex index, PolicyName symbol, string newName)
    {
        var edits = new List<TextEdit>();
        if (symbol.Kind == PolicySymbolKind.Rule)
        {
            foreach (var rule in index.Rules.Where(r => !r.Explicit && r.Dataset == symbol.Dataset && r.Name == symbol.Name))
            {
                edits.Add(new TextEdit(rule.Path, new TextSpan(rule.Syntax.Span.End, 0), $" as {newName}"));
            }
        }

        var implicitSpans = index.Rules.Where(r => !r.Explicit).Select(r => (r.Path, r.NameSpan)).ToHashSet();
        foreach (var occurrence in index.Of(symbol))
        {
            var location = occurrence.Location;
            if (!(occurrence.IsDeclaration && implicitSpans.Contains((location.Path, location.Span))))
            {
                edits.Add(new TextEdit(location.Path, location.Span, newName));
            }
        }

        if (symbol.Kind == PolicySymbolKind.Column)
        {
            edits.AddRange(DefaultRuleNames(index, symbol, newName));
        }

        return [.. edits.Distinct().OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Span.Start)];
    }

    // Rules named after the column (`ra_between`) are renamed with it; tests that name them follow.
    private static IEnumerable<TextEdit> DefaultRuleNames(NavigationIndex index, PolicyName column, string newName)
    {
        foreach (var rule in index.Rules.Where(r => !r.Explicit && r.Dataset == column.Dataset && r.Syntax.Column?.Parts[0].Name == column.Name))
        {
            var path = string.Join('.', [newName, .. rule.Syntax.Column!.Parts.Skip(1).Select(p => p.Name)]);
            var renamed = NavigationRule.DefaultName(rule.Syntax, path);
            foreach (var use in index.Of(new PolicyName(PolicySymbolKind.Rule, rule.Name, rule.Dataset)).Where(o => !o.IsDeclaration))
            {
                yield return new TextEdit(use.Location.Path, use.Location.Span, renamed);
            }
        }
    }

    /// <summary>The first diagnostic that differs after the edits (names mapped back), or null when none does.</summary>
    private static string? Changes(PolicyCompilation compilation, IReadOnlyList<TextEdit> edits, string oldName, string newName)
    {
        var files = compilation.Syntax.Select(s => s.Syntax.File).ToList();
        var renamed = files.Select(f => new SourceFile(f.Path, TextEdits.Apply(f.Text, edits.Where(e => e.Path == f.Path)))).ToList();
        var day = new DateOnly(2000, 1, 1);
        var before = PolicyCompilation.Create(files, day).Diagnostics.Select(d => Key(d, null, null)).ToList();
        var after = PolicyCompilation.Create(renamed, day).Diagnostics.Select(d => Key(d, newName, oldName)).ToList();
        var added = after.Except(before).FirstOrDefault();
        var removed = before.Except(after).FirstOrDefault();
        return added is not null ? $"it would report {added}" : removed is not null ? $"it would no longer report {removed}" : null;
    }

    /// <summary>
    /// A diagnostic as a rename must keep it: code, file, line and message, with <paramref name="from"/> read as
    /// <paramref name="to"/> and the name hints left out (a typo's nearest name may change with the rename).
    /// </summary>
    internal static string Key(Diagnostics.Diagnostic d, string? from, string? to)
    {
        var message = Hint().Replace(d.Message, string.Empty);
        message = from is null ? message : Regex.Replace(message, $"(?<![A-Za-z0-9]){Regex.Escape(from)}(?![A-Za-z0-9])", to!);
        return $"{d.Code} at {d.File.Path}:{d.Start.Line}: {message}";
    }

    [GeneratedRegex("; (did you mean `[^`]*`\\?|declared: .*)$")]
    private static partial Regex Hint();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
