using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Binding;

/// <summary>
/// Rules over a list of columns (docs/composite-keys.md): <c>expect (run_id, lane) unique</c> and
/// <c>expect (run_id, lane) references runs.(run_id, lane)</c>. A list of one column is the one-column rule.
/// </summary>
internal sealed partial class RuleBinder
{
    /// <summary>The checked column: as written, or the only column of a list of one.</summary>
    private ColumnPathSyntax? SingleColumn => rule.Column ?? (rule.Columns is [var only] ? only : null);

    /// <summary>The columns of a composite rule (two or more); empty for every other rule.</summary>
    private IReadOnlyList<ColumnPathSyntax> CompositeColumns => rule.Columns.Count > 1 ? rule.Columns : [];

    /// <summary>The columns a rule's default name is made of (<c>run_id_lane_unique</c>); one for a column rule, none for a dataset rule.</summary>
    private IReadOnlyList<ColumnPathSyntax> NamedColumns => SingleColumn is { } single ? [single] : CompositeColumns;

    /// <summary>Looks each column of a composite rule up once; a column listed twice is GOV0230 (and checked once).</summary>
    private IReadOnlyList<string> BindCompositeColumns()
    {
        var names = new List<string>();
        foreach (var column in CompositeColumns)
        {
            if (names.Contains(column.Path, StringComparer.Ordinal))
            {
                ctx.Report(BindingDiagnostics.ColumnListedTwice, column, $"`{column.Path}` is already in this rule's list of columns");
                continue;
            }

            scope.Lookup(column);
            names.Add(column.Path);
        }

        return names;
    }

    /// <summary>
    /// The target of a <c>references</c> rule: <c>ds.col</c> or <c>ds.(a, b)</c>, paired with the checked columns (same count,
    /// GOV0231; each target column once, GOV0230; the same type family on both sides where both are declared, GOV0232).
    /// </summary>
    private Operands? References()
    {
        // INVARIANT: the grammar gives `references` exactly one dataset.column or dataset.(columns) operand.
        var (datasetName, targets) = rule.Operands[0] switch
        {
            CompositeNameValueSyntax composite => (composite.Dataset, composite.Columns),
            var single => (((QualifiedNameValueSyntax)single).Dataset, (IReadOnlyList<IdentifierSyntax>)[((QualifiedNameValueSyntax)single).Column]),
        };
        if (!ctx.Outlines.TryGetValue(datasetName.Name, out var outline))
        {
            if (ctx.IsUnparsed("dataset", datasetName.Name))
            {
                return null;
            }

            ctx.Report(BindingDiagnostics.UnknownDataset, datasetName, $"dataset `{datasetName.Name}` is not declared{Names.HintOrList(datasetName.Name, ctx.Outlines.Keys)}");
            return null;
        }

        var sources = NamedColumns;
        if (sources.Count != targets.Count)
        {
            ctx.Report(BindingDiagnostics.ReferenceArityMismatch, rule.Operands[0],
                $"{Count(sources.Count)} of dataset `{scope.Name}` cannot reference {Count(targets.Count)} of `{outline.Name}`; write as many target columns as checked columns, in the same order");
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            if (!seen.Add(target.Name))
            {
                ctx.Report(BindingDiagnostics.ColumnListedTwice, target, $"`{target.Name}` is already a target column of this rule");
                return null;
            }

            if (outline.Columns.Count > 0 && !outline.Columns.Contains(target.Name) && !outline.Syntax.MayDeclareColumn(target.Name))
            {
                ctx.Report(BindingDiagnostics.UndeclaredColumn, target, $"column `{target.Name}` is not declared in dataset `{outline.Name}`{Names.HintOrList(target.Name, outline.Columns)}");
            }
        }

        if (outline.Name == scope.Name && sources.Select(s => s.Path).SequenceEqual(targets.Select(t => t.Name)))
        {
            var written = sources.Count == 1 ? $"`{sources[0].Path}`" : $"`({string.Join(", ", sources.Select(s => s.Path))})`";
            ctx.Report(BindingDiagnostics.SelfReference, rule.Operands[0], $"{written} references itself in dataset `{scope.Name}`; reference a column of another dataset");
        }
        else if (outline.Store is { } targetStore && scope.Store is { } store && targetStore.Name != store.Name)
        {
            ctx.Report(
                BindingDiagnostics.ReferenceAcrossStores,
                datasetName,
                $"`{outline.Name}` is in store `{targetStore.Name}` but `{scope.Name}` is in store `{store.Name}`; a reference is checked within one store");
        }
        else if (sources.Count > 1)
        {
            CheckPairedFamilies(outline, sources, targets);
        }

        return new Operands([])
        {
            TargetDataset = outline.Name,
            TargetColumn = targets.Count == 1 ? targets[0].Name : null,
            TargetColumns = targets.Count > 1 ? [.. targets.Select(t => t.Name)] : null,
        };
    }

    /// <summary>GOV0232: a pair whose columns are both declared with known types of different families can never match.</summary>
    private void CheckPairedFamilies(DatasetOutline outline, IReadOnlyList<ColumnPathSyntax> sources, IReadOnlyList<IdentifierSyntax> targets)
    {
        var targetTypes = outline.Syntax.Members.OfType<ColumnDeclarationSyntax>()
            .GroupBy(c => c.Name.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => ColumnTypes.Family(g.First().Type.Name.Name), StringComparer.Ordinal);
        for (var i = 0; i < sources.Count; i++)
        {
            if (scope.Columns.GetValueOrDefault(sources[i].Path) is { } source && Comparable(source.Family) is { } left
                && targetTypes.GetValueOrDefault(targets[i].Name) is { } targetFamily && Comparable(targetFamily) is { } right && left != right)
            {
                ctx.Report(BindingDiagnostics.ReferenceTypeMismatch, targets[i],
                    $"`{source.Name}` holds {ColumnTypes.Describe(source.Family)} but `{outline.Name}.{targets[i].Name}` holds {ColumnTypes.Describe(targetFamily)}, so no value of one can equal a value of the other");
            }
        }
    }

    /// <summary>Families whose values can equal each other: numbers, text, dates and timestamps, booleans, JSON; null when unknown.</summary>
    private static string? Comparable(ColumnTypeFamily family) => family switch
    {
        ColumnTypeFamily.Integer or ColumnTypeFamily.Decimal => "number",
        ColumnTypeFamily.Time or ColumnTypeFamily.Date => "time",
        ColumnTypeFamily.Text => "text",
        ColumnTypeFamily.Boolean => "boolean",
        ColumnTypeFamily.Json => "json",
        _ => null,
    };

    private static string Count(int columns) => columns == 1 ? "one column" : $"{columns} columns";
}
