using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Binding;

/// <summary>The names visible inside one dataset: its declared columns. Resolves column references and reports undeclared ones.</summary>
internal sealed class DatasetScope(BindingContext ctx, DatasetOutline outline, IReadOnlyDictionary<string, ColumnSymbol> columns)
{
    public DatasetOutline Outline { get; } = outline;

    public string Name => Outline.Name;

    public StoreSymbol? Store => Outline.Store;

    public LocationKind LocationKind { get; } = ToLocationKind(outline.Syntax.LocationKind.Name);

    public IReadOnlyDictionary<string, ColumnSymbol> Columns { get; } = columns;

    /// <summary>Columns are checked only when the dataset declares some.</summary>
    public bool DeclaresColumns => Columns.Count > 0;

    public static LocationKind ToLocationKind(string word) => word switch
    {
        "table" => LocationKind.Table,
        "collection" => LocationKind.Collection,
        "prefix" => LocationKind.Prefix,
        _ => LocationKind.File,
    };

    /// <summary>
    /// The declared column a path names, for type checks. A dotted path into a declared column
    /// (<c>meta.site</c> with <c>column meta json</c>) is accepted but has no known type.
    /// Reports <paramref name="path"/> when the dataset declares columns and the path is not among them.
    /// </summary>
    public ColumnSymbol? Lookup(ColumnPathSyntax path) => Lookup(path.Path, path.Parts[0].Name, path.Span);

    public ColumnSymbol? Lookup(IdentifierSyntax name) => Lookup(name.Name, name.Name, name.Span);

    public ColumnSymbol? Lookup(string path, string root, TextSpan span)
    {
        if (!DeclaresColumns)
        {
            return null;
        }

        if (Columns.TryGetValue(path, out var column))
        {
            return column;
        }

        if ((path != root && Columns.ContainsKey(root)) || Outline.Syntax.MayDeclareColumn(root))
        {
            return null;
        }

        ctx.Report(BindingDiagnostics.UndeclaredColumn, span, $"column `{path}` is not declared in dataset `{Name}`{Names.HintOrList(path, Columns.Keys)}");
        return null;
    }
}
