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

    /// <summary>The key expression of a dataset: its key column, or DuckDB's rowid when none is declared.</summary>
    public static string Key(DatasetModel dataset) => dataset.Key is null ? "rowid" : Id(dataset.Key);

    /// <summary>Values as DuckDB.NET binds them: instants as UTC timestamps.</summary>
    public static object? Bindable(object? value) => value switch
    {
        DateTimeOffset d => d.UtcDateTime,
        null => DBNull.Value,
        _ => value,
    };
}

/// <summary>Collects parameters while a statement is built; each value gets its own <c>$pN</c>.</summary>
internal sealed class Parameters
{
    private readonly List<DuckDBParameter> _list = [];

    public string Add(object? value)
    {
        var name = "p" + _list.Count;
        _list.Add(new DuckDBParameter(name, Sql.Bindable(value)));
        return "$" + name;
    }

    /// <summary>
    /// A rule operand as a parameter with its type spelled out. DuckDB otherwise types a parameter after the column it meets
    /// and casts the value to it: 1.5 against an INTEGER column became 2, 1e300 an error, and a timestamp against a DATE
    /// column lost its time of day. Text stays untyped, like a literal written in SQL.
    /// </summary>
    public string AddOperand(object? value) => value switch
    {
        long => $"CAST({Add(value)} AS BIGINT)",
        double => $"CAST({Add(value)} AS DOUBLE)",
        bool => $"CAST({Add(value)} AS BOOLEAN)",
        DateTimeOffset or DateTime => $"CAST({Add(value)} AS TIMESTAMP)",
        _ => Add(value),
    };

    /// <summary>The bound values as <c>$p0 = value</c>, for plans (values are shown, never spliced into the SQL).</summary>
    public string Describe() => string.Join(", ", _list.Select(p => $"${p.ParameterName} = {(p.Value is string text ? Sql.Literal(text) : Values.ToInvariantString(p.Value) ?? "NULL")}"));

    public void ApplyTo(DuckDBCommand command)
    {
        foreach (var p in _list) command.Parameters.Add(new DuckDBParameter(p.ParameterName, p.Value));
    }
}
