using PolicyLang.Core.Compilation;

namespace PolicyLang.Core.Services;

/// <summary>The range to rename and the current name, or why the symbol at the position cannot be renamed.</summary>
public sealed record PrepareRenameResult(DocumentSpan? Range, string? Placeholder, string? Error);

/// <summary>The edits of a rename across every file of the policy, or why it was refused.</summary>
public sealed record RenameResult(IReadOnlyList<TextEdit> Edits, string? Error);

/// <summary>
/// Definition, references and rename of stores, datasets, columns, roles, classification levels and rule names,
/// across every file of the policy.
/// </summary>
public static class NavigationService
{
    internal const string NothingHere =
        "nothing to rename here: place the cursor on the name of a store, dataset, column, role, classification level or rule";

    /// <summary>The symbol written at <paramref name="offset"/>, if any.</summary>
    public static SymbolOccurrence? FindSymbol(PolicyCompilation compilation, string path, int offset) =>
        NavigationIndex.For(compilation).At(path, offset);

    /// <summary>Where the symbol at the position is declared (several places when it is declared twice).</summary>
    public static IReadOnlyList<DocumentSpan> GetDefinition(PolicyCompilation compilation, string path, int offset)
    {
        var index = NavigationIndex.For(compilation);
        return index.At(path, offset) is { } at
            ? [.. index.Of(at.Symbol).Where(o => o.IsDeclaration).Select(o => o.Location)]
            : [];
    }

    /// <summary>Every place the symbol at the position is written, in file order.</summary>
    public static IReadOnlyList<DocumentSpan> FindReferences(PolicyCompilation compilation, string path, int offset, bool includeDeclaration)
    {
        var index = NavigationIndex.For(compilation);
        if (index.At(path, offset) is not { } at)
        {
            return [];
        }

        return [.. index.Of(at.Symbol)
            .Where(o => includeDeclaration || !o.IsDeclaration)
            .Select(o => o.Location)
            .Distinct()
            .OrderBy(l => l.Path, StringComparer.Ordinal)
            .ThenBy(l => l.Span.Start)];
    }

    public static PrepareRenameResult PrepareRename(PolicyCompilation compilation, string path, int offset) =>
        NavigationIndex.For(compilation).At(path, offset) is { } at
            ? new PrepareRenameResult(at.Location, at.Symbol.Name, null)
            : new PrepareRenameResult(null, null, NothingHere);

    /// <summary>
    /// Renames the symbol at the position everywhere it is written. Refused, with the reason, when the new name is
    /// not an identifier, is a keyword, is taken, or would change what the policy means (its diagnostics).
    /// </summary>
    public static RenameResult Rename(PolicyCompilation compilation, string path, int offset, string newName) =>
        NavigationIndex.For(compilation).At(path, offset) is { } at
            ? NavigationRename.Rename(compilation, at.Symbol, newName)
            : new RenameResult([], NothingHere);
}
