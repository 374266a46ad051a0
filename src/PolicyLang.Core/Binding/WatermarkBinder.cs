using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Binding;

/// <summary>
/// Incremental checks (docs/incremental-checks.md): a dataset's <c>watermark c</c> and a rule's <c>incremental by c</c> (which wins), the
/// column's fitness as a watermark, and the history that keeps the watermarks (GOV0260–GOV0264).
/// </summary>
internal static class WatermarkBinder
{
    /// <summary>The <c>watermark</c> setting of the dataset in <paramref name="scope"/>; null without one.</summary>
    public static SettingSyntax? DatasetSetting(DatasetScope scope) => DatasetSetting(scope.Outline.Syntax);

    /// <summary>
    /// The watermark column of a rule of <paramref name="kind"/> with the <c>incremental by</c> option <paramref name="option"/> (or none):
    /// its own column, else the dataset's, for row rules; null for rules checked over the whole dataset (GOV0262 when it was asked for).
    /// </summary>
    public static string? RuleWatermark(BindingContext ctx, DatasetScope scope, RuleKind kind, string kindText, SettingSyntax? option)
    {
        if (option is { Values: [WordValueSyntax own] })
        {
            if (scope.LocationKind == LocationKind.Prefix)
            {
                ReportObjects(ctx, scope, option.Keyword);
                return null;
            }

            if (!IncrementalKinds.ChecksNewRowsOnly(kind))
            {
                ctx.Report(BindingDiagnostics.IncrementalOnWholeDatasetRule, option, $"`{kindText}` is checked over the whole dataset in every run, so `incremental by` has no effect on it; only row rules check new rows alone");
                return null;
            }

            CheckColumn(ctx, scope, own.Word);
            return own.Word.Name;
        }

        return scope.LocationKind != LocationKind.Prefix && DatasetSetting(scope) is { Values: [WordValueSyntax dataset] } && IncrementalKinds.ChecksNewRowsOnly(kind)
            ? dataset.Word.Name
            : null;
    }

    /// <summary>Checks the dataset's <c>watermark</c> setting (once, where the dataset is bound).</summary>
    public static void CheckDataset(BindingContext ctx, DatasetScope scope, SettingSyntax setting)
    {
        if (scope.LocationKind == LocationKind.Prefix)
        {
            ReportObjects(ctx, scope, setting.Keyword);
        }
        else if (setting.Values is [WordValueSyntax column])
        {
            CheckColumn(ctx, scope, column.Word);
        }
    }

    /// <summary>GOV0261 on every <c>watermark</c> and <c>incremental by</c> of a policy that keeps no history (run after the history block is bound).</summary>
    public static void CheckHistory(BindingContext ctx, BoundPolicy policy, IEnumerable<(SourceFile File, DatasetDeclarationSyntax Dataset)> datasets)
    {
        if (policy.History is not null)
        {
            return;
        }

        foreach (var (file, dataset) in datasets)
        {
            ctx.File = file;
            var keywords = dataset.Members.OfType<RuleSyntax>().SelectMany(r => r.Options).Where(o => o.Keyword.Name == "incremental")
                .Concat(DatasetSetting(dataset) is { } setting ? [setting] : []);
            foreach (var keyword in keywords)
            {
                ctx.Report(BindingDiagnostics.IncrementalWithoutHistory, keyword.Keyword,
                    $"dataset `{dataset.Name.Name}` checks rows incrementally, but the policy keeps no run history for the watermarks; add `history {{ store <name> }}`");
            }
        }
    }

    private static SettingSyntax? DatasetSetting(DatasetDeclarationSyntax dataset) =>
        dataset.Members.OfType<DatasetSettingSyntax>().Select(m => m.Setting).FirstOrDefault(s => s.Keyword.Name == "watermark");

    private static void ReportObjects(BindingContext ctx, DatasetScope scope, IdentifierSyntax keyword) =>
        ctx.Report(BindingDiagnostics.IncrementalOnObjects, keyword, $"dataset `{scope.Name}` is an object prefix: its rules look at the objects as a whole, which have no watermark column");

    private static void CheckColumn(BindingContext ctx, DatasetScope scope, IdentifierSyntax name)
    {
        if (scope.Lookup(name) is not { } column)
        {
            return;
        }

        var timeOfDay = column.Type.StartsWith("time", StringComparison.Ordinal) && !column.Type.StartsWith("timestamp", StringComparison.Ordinal);
        if (column.Family is not (ColumnTypeFamily.Time or ColumnTypeFamily.Date or ColumnTypeFamily.Integer) || timeOfDay)
        {
            ctx.Report(BindingDiagnostics.WatermarkNotOrderable, name, $"column `{column.Name}` is `{column.Type}`: a watermark must be a timestamp, a date or an integer column");
        }
        else if (!column.NotNull)
        {
            ctx.Report(BindingDiagnostics.NullableWatermark, name, $"column `{column.Name}` may be null: rows without `{column.Name}` are checked only by the first (full) run; declare it `not null`");
        }
    }
}
