namespace PolicyLang.Core.Diagnostics;

// Composite keys and rules over several columns (docs/composite-keys.md): GOV0230–GOV0234.
public static partial class BindingDiagnostics
{
    public static readonly DiagnosticDescriptor ColumnListedTwice = new(
        "GOV0230",
        DiagnosticSeverity.Error,
        "Column listed twice in a key or a column list",
        "A composite key (`key run_id, lane`) and the columns of a composite rule (`expect (run_id, lane) unique`, `references runs.(run_id, lane)`) name each column once: a repeated column adds nothing to what identifies a row, and pairs a `references` column with two targets.",
        "dataset lanes in research table \"lanes\" { key run_id, lane, run_id }");

    public static readonly DiagnosticDescriptor ReferenceArityMismatch = new(
        "GOV0231",
        DiagnosticSeverity.Error,
        "`references` pairs lists of different lengths",
        "`expect (a, b) references ds.(x, y)` pairs `a` with `x` and `b` with `y`, so both lists hold as many columns; a single column references a single column (`expect a references ds.x`).",
        "dataset runs in research table \"runs\" { key run_id, lane }\ndataset frames in research table \"frames\" { key id expect (run_id, lane) references runs.(run_id) }");

    public static readonly DiagnosticDescriptor ReferenceTypeMismatch = new(
        "GOV0232",
        DiagnosticSeverity.Error,
        "`references` pairs columns of different types",
        "Each column of a composite `references` is compared with its target column by value, so both hold the same family of values (text with text, numbers with numbers, dates and timestamps together); a text `lane` can never equal an integer `lane`, so every row would dangle.",
        "dataset runs in research table \"runs\" { key run_id, lane column run_id text column lane integer }\ndataset frames in research table \"frames\" { key id column id integer column run_id text column lane text expect (run_id, lane) references runs.(run_id, lane) }");
}
