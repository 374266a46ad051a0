using System.Text.RegularExpressions;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

/// <summary>Kind-specific operand checks of a rule: types against the column, ranges, lists, regexes, references, C# fields.</summary>
internal sealed partial class RuleBinder
{
    private sealed record Operands(IReadOnlyList<BoundLiteral> Literals)
    {
        public string? TargetDataset { get; init; }

        public string? TargetColumn { get; init; }

        public IReadOnlyList<string>? TargetColumns { get; init; }

        public PolicyDuration? Window { get; init; }

        public string? Expression { get; init; }

        public IReadOnlyList<string> Fields { get; init; } = [];

        public SourceLocation? ExpressionLocation { get; init; }

        public double? Probability { get; init; }

        public string? OrderColumn { get; init; }
    }

    private Operands? BindOperands(ColumnSymbol? column)
    {
        switch (BoundKind)
        {
            case RuleKind.RowCount:
                return RowCountBounds();
            case RuleKind.Aggregate:
                return Aggregate(column);
            case RuleKind.NotNull or RuleKind.Unique:
                return new Operands([]);
            case RuleKind.Monotonic:
                return Ordering(column);
            case RuleKind.Between:
                return Between(column);
            case RuleKind.In:
                return In(column);
            case RuleKind.Matches:
                return Matches(column);
            case RuleKind.Compare:
                return Literal(rule.Operands[0], column) is { } value ? new Operands([value]) : null;
            case RuleKind.References:
                return References();
            case RuleKind.FresherThan:
                if (column is { } c && !ColumnTypes.IsTime(c.Family) && c.Family != ColumnTypeFamily.Other)
                {
                    ctx.Report(BindingDiagnostics.RuleTypeMismatch, rule.KindKeyword, $"`fresher than` needs a timestamp or date column, but `{c.Name}` holds {ColumnTypes.Describe(c.Family)}");
                }

                return Window();
            case RuleKind.ObjectAgeFresherThan:
                return Window();
            case RuleKind.RowsAtLeast or RuleKind.ObjectsAtLeast:
                return ValueBinder.Count(ctx, rule.Operands[0], 0, $"`{KindText()}`") is { } n
                    ? new Operands([new BoundLiteral((long)n, ctx.Locate(rule.Operands[0]))])
                    : null;
            default:
                return CSharp();
        }
    }

    /// <summary>A literal operand, checked against the column's type when it is declared.</summary>
    private BoundLiteral? Literal(ValueSyntax value, ColumnSymbol? column)
    {
        if (ValueBinder.Literal(ctx, value, inTestRow: false) is not { } literal)
        {
            return null;
        }

        if (column is { } c && !ColumnTypes.Fits(c.Family, literal.Value))
        {
            ctx.Report(BindingDiagnostics.RuleTypeMismatch, value, $"column `{c.Name}` holds {ColumnTypes.Describe(c.Family)}, but `{ctx.TextOf(value)}` is {ColumnTypes.DescribeLiteral(literal.Value)}");
        }

        return literal;
    }

    private Operands? Between(ColumnSymbol? column)
    {
        var lo = Literal(rule.Operands[0], column);
        var hi = Literal(rule.Operands[1], column);
        if (lo is null || hi is null)
        {
            return null;
        }

        if (Compare(lo.Value, hi.Value) is not { } order)
        {
            var what = lo.Value is bool || hi.Value is bool ? "booleans have no order" : "they must be of one type";
            ctx.Report(BindingDiagnostics.RuleTypeMismatch, rule.Operands[1], $"`between` bounds `{ctx.TextOf(rule.Operands[0])}` and `{ctx.TextOf(rule.Operands[1])}` cannot form a range: {what}");
        }
        else if (order > 0)
        {
            var span = Text.TextSpan.Cover(rule.Operands[0].Span, rule.Operands[1].Span);
            ctx.Report(BindingDiagnostics.EmptyRange, span, $"the range `{ctx.File.GetText(span)}` is empty: its lower bound is greater than its upper bound");
        }

        return new Operands([lo, hi]);
    }

    /// <summary>Order of two literals of one orderable type, or null (booleans, mixed types).</summary>
    private static int? Compare(object? a, object? b) => (a, b) switch
    {
        (long x, long y) => x.CompareTo(y),
        (long or double, long or double) => Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture)
            .CompareTo(Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture)),
        (DateOnly x, DateOnly y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        _ => null,
    };

    private Operands? In(ColumnSymbol? column)
    {
        // An empty list is legal: no value is allowed, so every non-null value violates (a null too, without `or null`).
        if (rule.Operands[0] is not ListValueSyntax list)
        {
            ctx.Report(BindingDiagnostics.InvalidInList, rule.Operands[0], "`in` takes a list of allowed values, e.g. `in [\"r\", \"g\"]`");
            return null;
        }

        var values = new List<BoundLiteral>();
        foreach (var item in list.Items)
        {
            if (Literal(item, column) is not { } literal)
            {
                return null;
            }

            if (values.Count > 0 && ColumnTypes.LiteralKind(values[0].Value) != ColumnTypes.LiteralKind(literal.Value))
            {
                ctx.Report(BindingDiagnostics.InvalidInList, item, $"`in` values must all be of one type: `{ctx.TextOf(item)}` is {ColumnTypes.DescribeLiteral(literal.Value)}, the first is {ColumnTypes.DescribeLiteral(values[0].Value)}");
            }

            values.Add(literal);
        }

        return new Operands(values);
    }

    private Operands? Matches(ColumnSymbol? column)
    {
        if (column is { } c && c.Family is not (ColumnTypeFamily.Text or ColumnTypeFamily.Other))
        {
            ctx.Report(BindingDiagnostics.RuleTypeMismatch, rule.KindKeyword, $"`matches` needs a text column, but `{c.Name}` holds {ColumnTypes.Describe(c.Family)}");
        }

        if (rule.Operands[0] is not StringValueSyntax pattern)
        {
            return null;
        }

        try
        {
            // Only parses the pattern; nothing is matched at compile time.
            _ = new Regex(pattern.Value, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (RegexParseException e)
        {
            ctx.Report(BindingDiagnostics.InvalidRegex, pattern, $"the pattern is not a valid regular expression: {Humanize(e.Error)} at offset {e.Offset}");
            return null;
        }

        if (PortableRegex.Problem(pattern.Value) is { } problem)
        {
            ctx.Report(BindingDiagnostics.NonPortableRegex, pattern, $"{problem}; as written, each store runs it in its own dialect");
        }

        return new Operands([new BoundLiteral(pattern.Value, ctx.Locate(pattern))]);
    }

    // "UnterminatedBracket" → "unterminated bracket".
    private static string Humanize(RegexParseError error) =>
        string.Concat(error.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? " " + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    private Operands? Window() =>
        ValueBinder.Duration(ctx, rule.Operands[0]) is { } window ? new Operands([]) { Window = window } : null;
}
