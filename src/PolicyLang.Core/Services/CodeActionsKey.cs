using PolicyLang.Core.Compilation;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Services;

/// <summary>
/// "Declare a key" on a <c>retain</c> of a dataset without <c>key</c>: the runner archives and deletes exactly the rows it
/// selected, by key, and refuses retention without one (prefixes are keyed by object key). One action per column that could
/// key the dataset, best first: columns a rule declares <c>unique</c>, declared <c>not null</c> columns, <c>_id</c> for a collection.
/// </summary>
internal static class CodeActionsKey
{
    public static IEnumerable<CodeAction> Propose(PolicyCompilation compilation, string path, TextSpan range)
    {
        var file = compilation.Syntax.Select(s => s.Syntax).FirstOrDefault(s => s.File.Path == path);
        var dataset = file?.Declarations.OfType<DatasetDeclarationSyntax>().FirstOrDefault(d => Contains(d.Span, range));
        var retain = dataset?.Members.OfType<RetainSyntax>().FirstOrDefault(r => Contains(r.Span, range));
        if (dataset is null || retain is null || dataset.LocationKind.Name == "prefix"
            || dataset.Members.OfType<DatasetSettingSyntax>().Any(m => m.Setting.Keyword.Name == "key"))
        {
            return [];
        }

        var insert = InsertBefore(file!.File, retain.Span);
        return Candidates(dataset).Select((column, i) => new CodeAction($"Declare `key {column}`", [insert($"key {column}")], null, i == 0));
    }

    private static bool Contains(TextSpan outer, TextSpan inner) => outer.Start <= inner.Start && inner.End <= outer.End;

    private static IEnumerable<string> Candidates(DatasetDeclarationSyntax dataset)
    {
        var unique = dataset.Members.OfType<RuleSyntax>().Where(r => r.Kind == RuleKind.Unique && r.Column is { Parts.Count: 1 }).Select(r => r.Column!.Path);
        var notNull = dataset.Members.OfType<ColumnDeclarationSyntax>().Where(c => c.Modifiers.Any(m => m.Name == "not null")).Select(c => c.Name.Name);
        var collection = dataset.LocationKind.Name == "collection" ? ["_id"] : Array.Empty<string>();
        return unique.Concat(notNull).Concat(collection).Distinct();
    }

    // On a line of its own with the retain's indentation when the retain starts its line; else just before it.
    private static Func<string, TextEdit> InsertBefore(SourceFile file, TextSpan statement)
    {
        var lineStart = file.Text.LastIndexOf('\n', Math.Max(0, statement.Start - 1)) + 1;
        var indent = file.Text[lineStart..statement.Start];
        return string.IsNullOrWhiteSpace(indent)
            ? member => new TextEdit(file.Path, new TextSpan(lineStart, 0), $"{indent}{member}\n")
            : member => new TextEdit(file.Path, new TextSpan(statement.Start, 0), $"{member} ");
    }
}
