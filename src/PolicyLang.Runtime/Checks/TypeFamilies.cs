using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Checks;

/// <summary>
/// Coarse type families of declared and live column types (PostgreSQL, DuckDB and the language's own names), so <c>int</c>
/// declared and <c>bigint</c> live do not count as drift, and planners know which declared columns cannot hold NaN.
/// </summary>
public static class TypeFamilies
{
    /// <summary>string | integer | number | boolean | timestamp | date | json, or null for a type outside these families.</summary>
    public static string? Of(string type) => Normalize(type) switch
    {
        "string" or "text" or "varchar" or "character varying" or "char" or "character" or "bpchar" or "uuid" or "citext" => "string",
        "int" or "integer" or "bigint" or "long" or "smallint" or "tinyint" or "hugeint" or "ubigint" or "uinteger"
            or "int2" or "int4" or "int8" => "integer",
        "float" or "double" or "double precision" or "real" or "decimal" or "numeric" or "number" or "float4" or "float8" => "number",
        "bool" or "boolean" => "boolean",
        "timestamp" or "datetime" or "timestamptz" or "timestamp with time zone" or "timestamp without time zone"
            or "timestamp_ns" or "timestamp_ms" => "timestamp",
        "date" => "date",
        "json" or "jsonb" => "json",
        _ => null,
    };

    /// <summary>The type <paramref name="dataset"/> declares for <paramref name="column"/>, lower case and without arguments; null when undeclared.</summary>
    public static string? Declared(DatasetModel dataset, string? column) =>
        dataset.Columns.FirstOrDefault(c => c.Name == column) is { } declared ? Normalize(declared.Type) : null;

    /// <summary>Lower case, without arguments: <c>NUMERIC(12, 2)</c> is <c>numeric</c>.</summary>
    private static string Normalize(string type)
    {
        var t = type.Trim().ToLowerInvariant();
        var paren = t.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 ? t[..paren].Trim() : t;
    }
}
