namespace PolicyLang.Core.Diagnostics;

// Rules decided once per dataset (aggregates, row-count bounds): GOV0240–GOV0259.
public static partial class BindingDiagnostics
{
    public static readonly DiagnosticDescriptor QuantileOutOfRange = new(
        "GOV0240",
        DiagnosticSeverity.Error,
        "Quantile outside 0..1",
        "`quantile(col, p)` takes p as a fraction between 0 and 1 inclusive: `quantile(latency, 0.95)` is the 95th percentile, `quantile(x, 0.5)` the median.",
        "dataset obs in research table \"obs\" { expect quantile(latency, 95) <= 3 }");

    public static readonly DiagnosticDescriptor RowOptionOnDatasetRule = new(
        "GOV0241",
        DiagnosticSeverity.Error,
        "Row option on a rule decided once",
        "An aggregate (`mean(x) between a and b`) or a row-count bound (`rows at most n`) passes or fails once for the whole dataset: no row violates it, so `tolerance` (a share of violating rows) and `or null` (nulls never violate) mean nothing there. Aggregates already ignore nulls; bound the nulls with `null fraction(x) at most 2%`.",
        "dataset obs in research table \"obs\" { expect mean(flux) between 1 and 3 tolerance 5% }");

    public static readonly DiagnosticDescriptor InvalidAggregateBound = new(
        "GOV0242",
        DiagnosticSeverity.Error,
        "Invalid bound of an aggregate or row count",
        "Aggregates and row counts are compared with numbers: `null fraction(x)` with a percentage (`at most 2%`) or a fraction between 0 and 1, `count distinct(x)` and `rows` with whole numbers of at least 0, every other aggregate with any number.",
        "dataset obs in research table \"obs\" { expect null fraction(flux) at most 150% }");
}
