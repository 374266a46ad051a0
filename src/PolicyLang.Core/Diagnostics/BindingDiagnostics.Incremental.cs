namespace PolicyLang.Core.Diagnostics;

// Incremental checks (`incremental by <column>`, `watermark <column>`; docs/incremental-checks.md): GOV0260–GOV0264.
public static partial class BindingDiagnostics
{
    public static readonly DiagnosticDescriptor WatermarkNotOrderable = new(
        "GOV0260",
        DiagnosticSeverity.Error,
        "Watermark column not orderable",
        "An incremental rule checks the rows whose watermark column is above the highest value the last successful run checked, so the column must grow with new rows and order exactly: a timestamp, a date or an integer (an id from a sequence). Text, numbers with a fraction, booleans, times of day and documents cannot be a watermark.",
        "history { store research }\ndataset obs in research table \"obs\" { column site text  column mag double  watermark site  expect mag not null }");

    public static readonly DiagnosticDescriptor IncrementalWithoutHistory = new(
        "GOV0261",
        DiagnosticSeverity.Error,
        "Incremental checks without a history",
        "The watermark of an incremental rule (the highest value its last successful run checked) is kept in the policy's run history; without a `history { store <name> }` block every run would check every row again. Add a history block, or remove `incremental by` and `watermark`.",
        "dataset obs in research table \"obs\" { watermark observed_at  expect mag not null }");

    public static readonly DiagnosticDescriptor IncrementalOnWholeDatasetRule = new(
        "GOV0262",
        DiagnosticSeverity.Warning,
        "Rule checked over the whole dataset",
        "Only row rules (not null, between, in, matches, comparisons, row conditions, csharp) can check new rows alone: a row's verdict depends on that row only. `unique` (a duplicate may pair a new row with an old one), `references`, `fresher than` (the newest row of the dataset), aggregates and row counts are properties of the whole dataset and are always checked in full, so `incremental by` has no effect on them.",
        "history { store research }\ndataset obs in research table \"obs\" { expect id unique incremental by observed_at }");

    public static readonly DiagnosticDescriptor IncrementalOnObjects = new(
        "GOV0263",
        DiagnosticSeverity.Error,
        "Incremental check on an object prefix",
        "A watermark bounds the rows of a table or collection checked by a run. The rules of an s3 prefix look at its objects as a whole (`objects at least`, `object-age fresher than`), which have no watermark column.",
        "history { store research }\ndataset raw in archive prefix \"raw/\" { watermark ts  expect objects at least 1 }");

    public static readonly DiagnosticDescriptor NullableWatermark = new(
        "GOV0264",
        DiagnosticSeverity.Warning,
        "Watermark column may be null",
        "A row whose watermark column is null is never above a watermark, so incremental rules check it only in their first run (a full one). Declare the column `not null` (and enforce it), or choose a column every row has.",
        "history { store research }\ndataset obs in research table \"obs\" { column observed_at timestamptz  column mag double  watermark observed_at  expect mag not null }");
}
