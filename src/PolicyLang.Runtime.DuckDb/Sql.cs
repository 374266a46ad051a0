using DuckDB.NET.Data;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.DuckDb;

/// <summary>
/// SQL text helpers. INVARIANT: identifiers only ever enter SQL through <see cref="Id"/> (double-quoted, quotes doubled)
/// and values only through parameters, so hostile names and values cannot change a statement.
/// </summary>
internal static class Sql
{
    public static string Id(string name) => SqlText.QuoteIdentifier(name);

    /// <summary>A file path inside COPY, which takes no parameters: a single-quoted literal with quotes doubled.</summary>
    public static string Literal(string text) => SqlText.QuoteLiteral(text);

    /// <summary>The dataset's table: <c>schema.table</c> or <c>table</c>, each part quoted.</summary>
    public static string Table(DatasetModel dataset) => Table(dataset.Location);

    public static string Table(string location) => SqlText.Table(location, Id);

    public static (string? Schema, string Table) Split(string location) => SqlText.SplitTable(location);

    /// <summary>The key of a dataset as an ORDER BY list: its key column (or columns, comma-separated), or DuckDB's rowid when none is declared.</summary>
    public static string Key(DatasetModel dataset) => dataset.HasKey ? string.Join(", ", dataset.KeyColumns.Select(Id)) : "rowid";

    /// <summary>Values as DuckDB.NET binds them: instants as UTC timestamps.</summary>
    public static object? Bindable(object? value) => value switch
    {
        DateTimeOffset d => d.UtcDateTime,
        null => DBNull.Value,
        _ => value,
    };
}
