using System.Globalization;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Binding;

/// <summary>
/// One <c>expect</c> rule: its name, options, applicability to the dataset's location, and its
/// operands against the column's type. Kind-specific operand checks are in <c>RuleOperands.cs</c>.
/// </summary>
internal sealed partial class RuleBinder(BindingContext ctx, DatasetScope scope, RuleSyntax rule)
{
    private static readonly Dictionary<string, string> OperatorNames = new(StringComparer.Ordinal)
    {
        [">"] = "gt", ["<"] = "lt", [">="] = "ge", ["<="] = "le", ["="] = "eq", ["!="] = "ne",
    };

    private static readonly Dictionary<string, RuleSeverity> Severities = new(StringComparer.Ordinal)
    {
        ["error"] = RuleSeverity.Error, ["warn"] = RuleSeverity.Warn, ["info"] = RuleSeverity.Info,
    };

    private bool IsObjectRule => rule.Kind is RuleKind.ObjectsAtLeast or RuleKind.ObjectAgeFresherThan;

    /// <summary>The rule's name (<c>as</c>, else <c>&lt;column&gt;_&lt;kind&gt;</c>), where it is written, and whether it was explicit.</summary>
    public (string Name, TextSpan Span, bool Explicit) Name()
    {
        if (rule.Options.FirstOrDefault(o => o.Keyword.Name == "as") is { Values: [WordValueSyntax explicitName] })
        {
            return (explicitName.Word.Name, explicitName.Span, true);
        }

        var kind = rule.Kind switch
        {
            RuleKind.NotNull => "not_null",
            RuleKind.Unique => "unique",
            RuleKind.Between => "between",
            RuleKind.In => "in",
            RuleKind.Matches => "matches",
            RuleKind.Compare => OperatorNames.GetValueOrDefault(rule.Operator ?? string.Empty, "compare"),
            RuleKind.References => "references",
            RuleKind.FresherThan => "fresher_than",
            RuleKind.RowsAtLeast => "rows_at_least",
            RuleKind.ObjectsAtLeast => "objects_at_least",
            RuleKind.ObjectAgeFresherThan => "object_age_fresher_than",
            RuleKind.Aggregate => Parsing.AggregateWords.NamePart(rule.Function ?? AggregateFunction.Mean),
            RuleKind.RowCount => "rows_at_most",
            RuleKind.Condition => ConditionFormName(),
            RuleKind.Monotonic => rule.Operator?.Replace(' ', '_') ?? "increasing",
            _ => "csharp",
        };
        var columns = NamedColumns;
        var start = columns.Count > 0 ? columns[0].Span : rule.KindKeyword.Span;
        var name = columns.Count > 0 ? $"{string.Join('_', columns.Select(c => c.Path.Replace('.', '_')))}_{kind}" : kind;
        return (name, TextSpan.Cover(start, rule.KindKeyword.Span), false);
    }

    /// <summary>
    /// <c>expect rows &gt;= 100</c> in a dataset without a declared <c>rows</c> column: the author most likely meant the row count.
    /// Where the dataset declares columns it is the row count (<see cref="BoundsRowCount"/>, and the column is not looked up); where
    /// it declares none the table may have such a column, so it is a warning and the rule stands as a column rule.
    /// </summary>
    private bool RowCountWrittenAsColumn()
    {
        if (BoundsRowCount)
        {
            return true;
        }

        if (rule is not { Kind: RuleKind.Compare, Column: { Path: "rows" } column, Operands: [var operand] }
            || scope.Columns.ContainsKey("rows"))
        {
            return false;
        }

        var text = ctx.TextOf(operand);
        var atLeast = rule.Operator switch
        {
            ">=" => text,
            ">" when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < long.MaxValue => (n + 1).ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        var advice = atLeast is not null
            ? $"to require a number of rows, write `expect rows at least {atLeast}`"
            : "a row count is bounded with `expect rows at least n` and `expect rows at most n` (or, once the dataset declares its columns, `expect rows between n and m` and `expect rows = n`)";
        ctx.Report(BindingDiagnostics.RowsComparedLikeColumn, column, $"this compares a column named `rows` in every row of dataset `{scope.Name}`; {advice}");
        return false;
    }

    /// <summary>Checks everything and returns the symbol, or null when an operand could not be bound.</summary>
    public RuleSymbol? Bind(string name)
    {
        var (severity, tolerance, covers) = BindOptions();
        CheckLocation();
        CheckRowOptions();
        var column = RowCountWrittenAsColumn() ? null : SingleColumn is { } path ? scope.Lookup(path) : null;
        var composite = BindCompositeColumns();
        if (rule.OrNull is { } orNull && rule.Kind == RuleKind.NotNull)
        {
            ctx.Report(BindingDiagnostics.ContradictoryOrNull, orNull, $"`{rule.Column?.Path} not null or null` allows every value; remove `or null`");
        }

        var (where, ofApplicable) = BindConditionOptions();
        var condition = IsConditionForm ? ConditionBody() : null;
        var operands = IsConditionForm ? (condition is null ? null : new Operands([])) : BindOperands(column);
        if (operands is null)
        {
            return null;
        }

        return new RuleSymbol(
            name,
            IsConditionForm ? RuleKind.Condition : BoundKind,
            BoundsRowCount ? null : SingleColumn?.Path,
            rule.Kind == RuleKind.Monotonic ? null : rule.Operator,
            operands.Literals,
            rule.OrNull is not null,
            severity,
            tolerance,
            covers,
            ctx.Locate(rule))
        {
            TargetDataset = operands.TargetDataset,
            TargetColumn = operands.TargetColumn,
            Columns = composite.Count > 0 ? composite : BoundsRowCount || SingleColumn is null ? [] : [SingleColumn.Path],
            TargetColumns = operands.TargetColumns ?? (operands.TargetColumn is { } target ? [target] : []),
            Window = operands.Window,
            Expression = operands.Expression,
            Fields = operands.Fields,
            ExpressionLocation = operands.ExpressionLocation,
            Function = rule.Function,
            Probability = operands.Probability,
            Condition = condition,
            Where = where,
            ToleranceOfApplicable = ofApplicable,
            OrderColumn = operands.OrderColumn,
            Decreasing = rule.Operator?.EndsWith("decreasing", StringComparison.Ordinal) ?? false,
            Strictly = rule.Operator?.StartsWith("strictly", StringComparison.Ordinal) ?? false,
            Watermark = WatermarkBinder.RuleWatermark(
                ctx, scope, IsConditionForm ? RuleKind.Condition : BoundKind, KindText(), rule.Options.FirstOrDefault(o => o.Keyword.Name == "incremental")),
        };
    }

    private (RuleSeverity Severity, double? Tolerance, IReadOnlyList<SafeguardReference> Covers) BindOptions()
    {
        var severity = RuleSeverity.Error;
        double? tolerance = null;
        var covers = new List<SafeguardReference>();
        foreach (var option in ctx.FirstOfEachKeyword(rule.Options, "this rule"))
        {
            var keyword = option.Keyword.Name;
            switch (keyword)
            {
                case "severity" when option.Values[0] is WordValueSyntax word:
                    if (Severities.TryGetValue(word.Word.Name, out var s))
                    {
                        severity = s;
                    }
                    else
                    {
                        ctx.Report(BindingDiagnostics.InvalidSeverity, word, $"`{word.Word.Name}` is not a rule severity{Names.HintOrAllowed(word.Word.Name, Severities.Keys)}");
                    }

                    break;
                case "tolerance":
                    tolerance = Tolerance(option.Values[0]);
                    break;
                case "covers":
                    covers.AddRange(option.Values.Select(v => new SafeguardReference(ctx.TextOf(v), ctx.Locate(v))));
                    break;
            }
        }

        return (severity, tolerance, covers);
    }

    /// <summary>A percentage within 0..100%, as the fraction of rows allowed to fail (0.5% → 0.005).</summary>
    private double? Tolerance(ValueSyntax value)
    {
        if (value is NumberValueSyntax number)
        {
            ctx.Report(BindingDiagnostics.InvalidTolerance, value, $"`tolerance` is a percentage: write `{number.Text}%`");
            return null;
        }

        if (value is PercentValueSyntax percent
            && double.TryParse(percent.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var p)
            && p is >= 0 and <= 100)
        {
            return p / 100;
        }

        ctx.Report(BindingDiagnostics.InvalidTolerance, value, $"`{ctx.TextOf(value)}` is not a tolerance: it must be between 0% and 100%");
        return null;
    }

    private void CheckLocation()
    {
        var isPrefix = scope.LocationKind == LocationKind.Prefix;
        if (IsObjectRule && !isPrefix)
        {
            ctx.Report(BindingDiagnostics.RuleNotForLocation, rule.KindKeyword, $"`{KindText()}` checks the objects of an s3 prefix, but dataset `{scope.Name}` is a `{scope.Outline.Syntax.LocationKind.Name}`");
        }
        else if (!IsObjectRule && isPrefix)
        {
            ctx.Report(BindingDiagnostics.RuleNotForLocation, rule.KindKeyword, $"`{KindText()}` checks rows, but dataset `{scope.Name}` is an object prefix; use `objects at least` or `object-age fresher than`");
        }
    }

    private string KindText() => rule.Kind switch
    {
        RuleKind.NotNull => "not null",
        RuleKind.FresherThan => "fresher than",
        RuleKind.RowsAtLeast => "rows at least",
        RuleKind.ObjectsAtLeast => "objects at least",
        RuleKind.ObjectAgeFresherThan => "object-age fresher than",
        RuleKind.Aggregate => $"{Parsing.AggregateWords.Written[rule.Function ?? AggregateFunction.Mean]}(..)",
        _ when BoundKind == RuleKind.RowCount => "rows ...",
        _ => rule.KindKeyword.Name,
    };
}
