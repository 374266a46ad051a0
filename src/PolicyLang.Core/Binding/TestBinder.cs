using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

/// <summary><c>test dataset { row { .. } passes|fails rule }</c>: runs after every dataset is bound, so rule names are known.</summary>
internal static class TestBinder
{
    public static TestSymbol? Bind(BindingContext ctx, TestDeclarationSyntax test)
    {
        if (!ctx.Datasets.TryGetValue(test.Dataset.Name, out var dataset))
        {
            if (ctx.IsUnparsed("dataset", test.Dataset.Name))
            {
                return null;
            }

            ctx.Report(BindingDiagnostics.UnknownDataset, test.Dataset, $"dataset `{test.Dataset.Name}` is not declared{Names.HintOrList(test.Dataset.Name, ctx.Datasets.Keys)}");
            return null;
        }

        var rows = test.Rows.Select(row => BindRow(ctx, dataset, row)).ToList();

        // A dataset left out (its store did not resolve) still had its rows checked above.
        return dataset.Symbol is { } symbol ? new TestSymbol(symbol, rows, ctx.Locate(test)) : null;
    }

    private static TestRowSymbol BindRow(BindingContext ctx, BoundDataset dataset, TestRowSyntax row)
    {
        var fields = new Dictionary<string, BoundLiteral>(StringComparer.Ordinal);
        var declared = dataset.Columns;
        foreach (var field in row.Fields)
        {
            var path = field.Field.Path;
            if (fields.ContainsKey(path))
            {
                ctx.Report(BindingDiagnostics.DuplicateSetting, field.Field, $"field `{path}` is already set in this row");
                continue;
            }

            if (declared.Count > 0 && !declared.ContainsKey(path) && !declared.ContainsKey(field.Field.Parts[0].Name) && !dataset.Outline.Syntax.MayDeclareColumn(field.Field.Parts[0].Name))
            {
                ctx.Report(BindingDiagnostics.UndeclaredColumn, field.Field, $"column `{path}` is not declared in dataset `{dataset.Outline.Name}`{Names.HintOrList(path, declared.Keys)}");
            }

            if (ValueBinder.Literal(ctx, field.Value, inTestRow: true) is { } value)
            {
                CheckType(ctx, declared.GetValueOrDefault(path), field.Value, value);
                fields.Add(path, value);
            }
        }

        var failures = new List<string>();
        foreach (var rule in row.Rules)
        {
            if (!dataset.RuleNames.Contains(rule.Name))
            {
                // A rule that failed to parse may have had this name.
                if (dataset.Outline.Syntax.MayHave("expect"))
                {
                    continue;
                }

                ctx.Report(BindingDiagnostics.UnknownTestRule, rule, $"dataset `{dataset.Outline.Name}` has no rule named `{rule.Name}`{Names.HintOrList(rule.Name, dataset.RuleNames)}");
                continue;
            }

            if (failures.Contains(rule.Name))
            {
                ctx.Report(BindingDiagnostics.DuplicateTestRule, rule, $"rule `{rule.Name}` is already named in this row");
                continue;
            }

            failures.Add(rule.Name);
        }

        return new TestRowSymbol(fields, row.Outcome.Name == "passes", failures, ctx.Locate(row));
    }

    // `null` fits every column; `now` fits time and date columns.
    private static void CheckType(BindingContext ctx, ColumnSymbol? column, ValueSyntax syntax, BoundLiteral value)
    {
        if (column is null || (value.Value is null && !value.IsNow))
        {
            return;
        }

        var fits = value.IsNow
            ? ColumnTypes.IsTime(column.Family) || column.Family is ColumnTypeFamily.Json or ColumnTypeFamily.Other
            : ColumnTypes.Fits(column.Family, value.Value);
        if (!fits)
        {
            var what = value.IsNow ? "a time" : ColumnTypes.DescribeLiteral(value.Value);
            ctx.Report(BindingDiagnostics.TestValueTypeMismatch, syntax, $"column `{column.Name}` holds {ColumnTypes.Describe(column.Family)}, but `{ctx.TextOf(syntax)}` is {what}");
        }
    }
}
