using DuckDB.NET.Data;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.DuckDb;

/// <summary>Collects parameters while a statement is built; each value gets its own <c>$pN</c>.</summary>
internal sealed class Parameters
{
    private readonly List<DuckDBParameter> list = [];

    public string Add(object? value)
    {
        var name = "p" + list.Count;
        list.Add(new DuckDBParameter(name, Sql.Bindable(value)));
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
    public string Describe() => string.Join(", ", list.Select(p => $"${p.ParameterName} = {(p.Value is string text ? Sql.Literal(text) : Values.ToInvariantString(p.Value) ?? "NULL")}"));

    public void ApplyTo(DuckDBCommand command)
    {
        foreach (var p in list)
        {
            command.Parameters.Add(new DuckDBParameter(p.ParameterName, p.Value));
        }
    }
}
