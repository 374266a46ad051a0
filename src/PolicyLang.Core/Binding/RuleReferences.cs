using System.Text.RegularExpressions;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Binding;

/// <summary>Rules that name things beyond one column: <c>references</c> and <c>csharp</c>.</summary>
internal sealed partial class RuleBinder
{
    private Operands? References()
    {
        // INVARIANT: the grammar gives `references` exactly one dataset.column operand.
        var target = (QualifiedNameValueSyntax)rule.Operands[0];
        if (!ctx.Outlines.TryGetValue(target.Dataset.Name, out var outline))
        {
            if (ctx.IsUnparsed("dataset", target.Dataset.Name))
            {
                return null;
            }

            ctx.Report(BindingDiagnostics.UnknownDataset, target.Dataset, $"dataset `{target.Dataset.Name}` is not declared{Names.HintOrList(target.Dataset.Name, ctx.Outlines.Keys)}");
            return null;
        }

        var column = target.Column.Name;
        if (outline.Columns.Count > 0 && !outline.Columns.Contains(column) && !outline.Syntax.MayDeclareColumn(column))
        {
            ctx.Report(BindingDiagnostics.UndeclaredColumn, target.Column, $"column `{column}` is not declared in dataset `{outline.Name}`{Names.HintOrList(column, outline.Columns)}");
        }

        if (outline.Name == scope.Name && rule.Column?.Path == column)
        {
            ctx.Report(BindingDiagnostics.SelfReference, target, $"`{column}` references itself in dataset `{scope.Name}`; reference a column of another dataset");
        }
        else if (outline.Store is { } targetStore && scope.Store is { } store && targetStore.Name != store.Name)
        {
            ctx.Report(
                BindingDiagnostics.ReferenceAcrossStores,
                target.Dataset,
                $"`{outline.Name}` is in store `{targetStore.Name}` but `{scope.Name}` is in store `{store.Name}`; a reference is checked within one store");
        }

        return new Operands([]) { TargetDataset = outline.Name, TargetColumn = column };
    }

    private Operands CSharp()
    {
        // INVARIANT: the grammar gives `csharp` exactly one string operand.
        var code = (StringValueSyntax)rule.Operands[0];

        // Scan the source text, not the unescaped value, so each field's span points into the file.
        var source = ctx.File.GetText(code.Span);
        var fields = new List<string>();
        foreach (Match match in FieldAccess().Matches(source))
        {
            var field = match.Groups[1];
            if (fields.Contains(field.Value))
            {
                continue;
            }

            fields.Add(field.Value);
            scope.Lookup(field.Value, field.Value, new TextSpan(code.Span.Start + field.Index, field.Length));
        }

        return new Operands([]) { Expression = code.Value, Fields = fields, ExpressionLocation = ctx.Locate(code) };
    }

    // `doc.x` / `row.x`: only the first segment is a field; `doc.name.Length` reads `name`.
    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?:doc|row)\.([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex FieldAccess();
}
