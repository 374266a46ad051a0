namespace PolicyLang.Core.Diagnostics;

/// <summary>Binding diagnostics of row conditions, <c>where</c>, applicable-row tolerances and quoted column names (GOV0220–GOV0239).</summary>
public static partial class BindingDiagnostics
{
    public static readonly DiagnosticDescriptor WhereNotForRule = new(
        "GOV0220",
        DiagnosticSeverity.Error,
        "`where` on a rule that does not check rows one by one",
        "`where <condition>` narrows a row rule (not null, between, in, not in, matches, not matches, is null, comparisons) to the rows the condition holds for. `unique`, `references`, `fresher than`, `rows at least`, the object rules and `csharp` rules do not take it: filter a `csharp` rule inside its expression.",
        "dataset logs in research table \"logs\" { expect id unique where kind = \"a\" }");

    public static readonly DiagnosticDescriptor IncomparableOperands = new(
        "GOV0221",
        DiagnosticSeverity.Error,
        "Operands cannot be compared",
        "Both sides of a comparison or `between` must be of one type family: numbers with numbers, text with text, dates and timestamps (and `now`, `today`) with each other, booleans with booleans. Comparing a text column with a number column has no meaning every engine agrees on.",
        "dataset orders in research table \"orders\" {\n  column id bigint\n  column note text\n  expect id >= note\n}");

    public static readonly DiagnosticDescriptor ConditionNeedsColumn = new(
        "GOV0222",
        DiagnosticSeverity.Error,
        "A test needs a column",
        "`in`, `not in`, `matches`, `not matches` and `is null` test a column; a comparison needs at least one column. A literal or `now`/`today` there tests nothing about the row.",
        "dataset orders in research table \"orders\" { expect id not null where 5 in [1, 5] }");

    public static readonly DiagnosticDescriptor InvalidQuotedName = new(
        "GOV0223",
        DiagnosticSeverity.Error,
        "Quoted column name cannot be used",
        "A quoted column name (`column \"größe\" double`) may hold any character except `.`, which separates the parts of a field path, and may not be empty.",
        "dataset orders in research table \"orders\" { column \"unit.price\" double }");

    public static readonly DiagnosticDescriptor ApplicableToleranceNotForRule = new(
        "GOV0224",
        DiagnosticSeverity.Error,
        "`of applicable rows` on a rule that does not check rows one by one",
        "`tolerance p% of applicable rows` measures a row rule's tolerance against the rows it applies to (inside `where`, and not nulls excused by `or null`). Rules that do not check rows one by one (`unique`, `references`, `fresher than`, `rows at least`, the object rules, `csharp`) count against every row: write `tolerance p%`.",
        "dataset logs in research table \"logs\" { expect id unique tolerance 1% of applicable rows }");
}
