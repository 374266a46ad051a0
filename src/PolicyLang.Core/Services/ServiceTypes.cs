using PolicyLang.Core.Text;

namespace PolicyLang.Core.Services;

/// <summary>A span in one file of a policy: the unit every language service answers in (hosts map it to lines and columns).</summary>
public readonly record struct DocumentSpan(string Path, TextSpan Span);

/// <summary>Replace <see cref="Span"/> of the file at <see cref="Path"/> with <see cref="NewText"/> (an empty span inserts).</summary>
public sealed record TextEdit(string Path, TextSpan Span, string NewText);

/// <summary>
/// One named thing of a policy, which navigation and rename follow across files: a store, dataset, column, role,
/// classification level or rule (<see cref="PolicySymbolKind"/>, shared with the outline). Columns and rules belong to a dataset (<see cref="Dataset"/>); other
/// kinds are policy-wide and have no dataset.
/// </summary>
public sealed record PolicyName(PolicySymbolKind Kind, string Name, string? Dataset = null)
{
    /// <summary>How messages and hovers name it: "column `ra` of dataset `gaia_sources`".</summary>
    public string Describe() => Kind switch
    {
        PolicySymbolKind.Column => $"column `{Name}` of dataset `{Dataset}`",
        PolicySymbolKind.Rule => $"rule `{Name}` of dataset `{Dataset}`",
        PolicySymbolKind.ClassificationLevel => $"classification level `{Name}`",
        _ => $"{Kind.ToString().ToLowerInvariant()} `{Name}`",
    };
}

/// <summary>Where a symbol is written: its declaration, or a use of it.</summary>
public sealed record SymbolOccurrence(PolicyName Symbol, DocumentSpan Location, bool IsDeclaration);
