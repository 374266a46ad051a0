using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

// `expect x [strictly] increasing|decreasing [by col]`: the value must be ordered (GOV0246) and the rows need an order, `by` or the key (GOV0245).
internal sealed partial class RuleBinder
{
    private Operands? Ordering(ColumnSymbol? column)
    {
        if (column is { Family: ColumnTypeFamily.Json })
        {
            ctx.Report(BindingDiagnostics.UnorderedValues, rule.KindKeyword, $"`{rule.Operator}` compares neighbouring values, but `{column.Name}` holds {ColumnTypes.Describe(column.Family)}, which have no order");
            return null;
        }

        if (rule.Operands is [ColumnValueSyntax by])
        {
            if (!QuotedNames.Check(ctx, by.Path))
            {
                return null;
            }

            if (scope.Lookup(by.Path) is { Family: ColumnTypeFamily.Json } order)
            {
                ctx.Report(BindingDiagnostics.UnorderedValues, by, $"rows cannot be put in order by `{order.Name}`: it holds {ColumnTypes.Describe(order.Family)}, which have no order");
                return null;
            }

            return new Operands([]) { OrderColumn = by.Path.Path };
        }

        var keys = scope.Outline.Syntax.Members.OfType<DatasetSettingSyntax>().Where(s => s.Setting.Keyword.Name == "key").SelectMany(s => s.Setting.Values).ToList();
        if (keys is [WordValueSyntax key])
        {
            return new Operands([]) { OrderColumn = key.Word.Name };
        }

        ctx.Report(BindingDiagnostics.NoRowOrder, rule.KindKeyword, keys.Count == 0
            ? $"dataset `{scope.Name}` has no `key` to put its rows in order: write `{rule.Operator} by <column>`"
            : $"the key of dataset `{scope.Name}` has several columns: name the one that orders the rows with `{rule.Operator} by <column>`");
        return null;
    }
}
