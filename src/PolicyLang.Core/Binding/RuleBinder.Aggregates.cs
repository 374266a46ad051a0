using System.Globalization;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Parsing;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

// Rules decided once per dataset: aggregates over a column and row-count bounds (`rows at most n`; `rows between n and m` and
// `rows = n` where the dataset declares its columns and none is named `rows`).
internal sealed partial class RuleBinder
{
    /// <summary>
    /// True when the rule is written like a column rule on <c>rows</c> (<c>rows between 1 and 9</c>, <c>rows = 5</c>) in a dataset that
    /// declares its columns, none of them <c>rows</c>: then it bounds the row count. Where the dataset declares no columns its table may
    /// have such a column, so it stays a column rule (GOV0219 warns).
    /// </summary>
    private bool BoundsRowCount =>
        rule is { Kind: RuleKind.Between or RuleKind.Compare, Column: { Path: "rows" } }
        && scope.DeclaresColumns && !scope.Columns.ContainsKey("rows");

    /// <summary>The kind the rule binds to: <see cref="RuleKind.RowCount"/> for a bounded row count written like a column rule.</summary>
    private RuleKind BoundKind => BoundsRowCount ? RuleKind.RowCount : rule.Kind;

    private bool IsDecidedOnce => BoundKind is RuleKind.Aggregate or RuleKind.RowCount;

    /// <summary><c>tolerance</c> and <c>or null</c> count violating rows; a rule decided once has none.</summary>
    private void CheckRowOptions()
    {
        if (!IsDecidedOnce)
        {
            return;
        }

        if (rule.OrNull is { } orNull)
        {
            ctx.Report(BindingDiagnostics.RowOptionOnDatasetRule, orNull, $"`{KindText()}` is decided once for the dataset, so `or null` does not apply: aggregates ignore nulls; remove it");
        }

        if (rule.Options.FirstOrDefault(o => o.Keyword.Name == "tolerance") is { } tolerance)
        {
            ctx.Report(BindingDiagnostics.RowOptionOnDatasetRule, tolerance, $"`{KindText()}` passes or fails once for the dataset, so a tolerance of violating rows does not apply; widen the bound instead");
        }
    }

    private Operands? RowCountBounds()
    {
        var bounds = new List<BoundLiteral>();
        foreach (var operand in rule.Operands)
        {
            if (ValueBinder.Count(ctx, operand, 0, "a row count") is not { } n)
            {
                return null;
            }

            bounds.Add(new BoundLiteral((long)n, ctx.Locate(operand)));
        }

        CheckOrdered(bounds);
        return new Operands(bounds);
    }

    private Operands? Aggregate(ColumnSymbol? column)
    {
        var function = rule.Function ?? AggregateFunction.Mean;
        if (column is { } c && AggregateWords.IsNumeric(function) && c.Family is not (ColumnTypeFamily.Integer or ColumnTypeFamily.Decimal or ColumnTypeFamily.Other))
        {
            ctx.Report(BindingDiagnostics.RuleTypeMismatch, rule.KindKeyword, $"`{AggregateWords.Written[function]}` needs a numeric column, but `{c.Name}` holds {ColumnTypes.Describe(c.Family)}");
        }

        double? probability = function == AggregateFunction.Median ? 0.5 : null;
        if (rule.Probability is { } p)
        {
            if (!double.TryParse(ctx.TextOf(p), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 1)
            {
                ctx.Report(BindingDiagnostics.QuantileOutOfRange, p, $"`{ctx.TextOf(p)}` is not a quantile: write p between 0 and 1 (0.95 for the 95th percentile)");
                return null;
            }

            probability = value;
        }

        var bounds = new List<BoundLiteral>();
        foreach (var operand in rule.Operands)
        {
            if (AggregateBound(function, operand) is not { } bound)
            {
                return null;
            }

            bounds.Add(bound);
        }

        CheckOrdered(bounds);
        return new Operands(bounds) { Probability = probability };
    }

    // A number for most aggregates; a fraction (2% or 0.02) for `null fraction`; a whole number for `count distinct`.
    private BoundLiteral? AggregateBound(AggregateFunction function, ValueSyntax operand)
    {
        var text = ctx.TextOf(operand);
        double? value = operand switch
        {
            PercentValueSyntax percent when function == AggregateFunction.NullFraction
                && double.TryParse(percent.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) => share / 100,
            NumberValueSyntax number when double.TryParse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
        var problem = (function, value) switch
        {
            (_, null) when operand is PercentValueSyntax => "only `null fraction` is compared with a percentage",
            (_, null) => $"`{AggregateWords.Written[function]}` is compared with a number, not `{text}`",
            (AggregateFunction.NullFraction, < 0 or > 1) => $"`{text}` is not a fraction of rows: write a percentage between 0% and 100% (or a fraction between 0 and 1)",
            (AggregateFunction.CountDistinct, { } n) when n < 0 || n != Math.Floor(n) => $"`{text}` is not a count of distinct values: write a whole number of at least 0",
            _ => null,
        };
        if (problem is not null)
        {
            ctx.Report(BindingDiagnostics.InvalidAggregateBound, operand, problem);
            return null;
        }

        object literal = operand is NumberValueSyntax && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) ? whole : value!.Value;
        return new BoundLiteral(literal, ctx.Locate(operand));
    }

    // `between lo and hi` with lo > hi passes nothing.
    private void CheckOrdered(IReadOnlyList<BoundLiteral> bounds)
    {
        if (bounds.Count == 2 && Compare(bounds[0].Value, bounds[1].Value) > 0)
        {
            var span = Text.TextSpan.Cover(rule.Operands[0].Span, rule.Operands[1].Span);
            ctx.Report(BindingDiagnostics.EmptyRange, span, $"the range `{ctx.File.GetText(span)}` is empty: its lower bound is greater than its upper bound");
        }
    }
}
