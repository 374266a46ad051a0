namespace PolicyLang.Core.Diagnostics;

// Value shapes, ordering and cross-dataset row counts (issue 14 items 4–6): GOV0243–GOV0254.
public static partial class BindingDiagnostics
{
    public static readonly DiagnosticDescriptor ShapeNeedsText = new(
        "GOV0243",
        DiagnosticSeverity.Error,
        "Length or parse test of a column that holds no text",
        "`length(x)` counts the characters of a text and `x parses as date|json|number` tests how a text reads; a column declared as a number, date, timestamp, boolean or JSON holds no text to measure or parse. Bound numbers with `between`, dates with comparisons.",
        "dataset obs in research table \"obs\" { column taken date expect taken parses as date \"yyyy-MM-dd\" }");

    public static readonly DiagnosticDescriptor InvalidDatePattern = new(
        "GOV0244",
        DiagnosticSeverity.Error,
        "Date pattern outside the portable patterns",
        "`parses as date \"pattern\"` takes the fields `yyyy`, `MM`, `dd`, `HH`, `mm`, `ss` (each at most once, each written with exactly its digits) separated by `-`, `/`, `.`, `:`, `_`, `,`, a space or `T`; every store tests the same pattern. Month names, two-digit years and fractions of a second are not among them.",
        "dataset obs in research table \"obs\" { column taken text expect taken parses as date \"dd MMM yyyy\" }");

    public static readonly DiagnosticDescriptor NoRowOrder = new(
        "GOV0245",
        DiagnosticSeverity.Error,
        "Increasing or decreasing without an order of rows",
        "`expect x increasing` compares each row's value with the previous row's, so the rows need an order: the dataset's `key` (one column), or a column named with `by` (`expect version increasing by released_at`). A table's physical order is not one.",
        "dataset obs in research table \"obs\" { expect seq increasing }");

    public static readonly DiagnosticDescriptor UnorderedValues = new(
        "GOV0246",
        DiagnosticSeverity.Error,
        "Increasing or decreasing over values without an order",
        "`increasing` and `decreasing` compare values and order rows by a column: numbers, text (by code point), dates, timestamps and booleans have an order; JSON documents do not.",
        "dataset obs in research table \"obs\" { key id column id bigint column meta json expect meta increasing }");
}
