namespace PolicyLang.Contracts;

/// <summary>
/// The one table of column type names: the names a policy writes (<c>column ra double</c>) and the spellings stores report
/// for live columns (<c>double precision</c>, <c>float8</c>, <c>character varying</c>), each with its
/// <see cref="ColumnTypeFamily"/>. The binder type-checks rules with it and warns (GOV0204) on a name it does not list; the
/// runtime compares declared and live columns with it (schema drift) and picks each value's CLR type
/// (docs/values-and-types.md).
/// </summary>
public static class ColumnTypeTable
{
    private static readonly (string Name, ColumnTypeFamily Family)[] LanguageTypes =
    [
        ("text", ColumnTypeFamily.Text), ("varchar", ColumnTypeFamily.Text), ("char", ColumnTypeFamily.Text), ("string", ColumnTypeFamily.Text),
        ("int", ColumnTypeFamily.Integer), ("integer", ColumnTypeFamily.Integer), ("bigint", ColumnTypeFamily.Integer),
        ("smallint", ColumnTypeFamily.Integer), ("long", ColumnTypeFamily.Integer),
        ("double", ColumnTypeFamily.Decimal), ("float", ColumnTypeFamily.Decimal), ("real", ColumnTypeFamily.Decimal),
        ("numeric", ColumnTypeFamily.Decimal), ("decimal", ColumnTypeFamily.Decimal),
        ("bool", ColumnTypeFamily.Boolean), ("boolean", ColumnTypeFamily.Boolean),
        ("timestamp", ColumnTypeFamily.Time), ("timestamptz", ColumnTypeFamily.Time), ("datetime", ColumnTypeFamily.Time), ("time", ColumnTypeFamily.Time),
        ("date", ColumnTypeFamily.Date),
        ("json", ColumnTypeFamily.Json), ("jsonb", ColumnTypeFamily.Json), ("object", ColumnTypeFamily.Json), ("document", ColumnTypeFamily.Json),
    ];

    // PostgreSQL's and DuckDB's own names for the same families, as their catalogs report live columns. A policy may write
    // the single-word ones too (`column ratio float8`): they are known, but completion offers only the language's names.
    private static readonly (string Name, ColumnTypeFamily Family)[] StoreSpellings =
    [
        ("character varying", ColumnTypeFamily.Text), ("character", ColumnTypeFamily.Text), ("bpchar", ColumnTypeFamily.Text), ("citext", ColumnTypeFamily.Text),
        ("tinyint", ColumnTypeFamily.Integer), ("hugeint", ColumnTypeFamily.Integer), ("ubigint", ColumnTypeFamily.Integer), ("uinteger", ColumnTypeFamily.Integer),
        ("int2", ColumnTypeFamily.Integer), ("int4", ColumnTypeFamily.Integer), ("int8", ColumnTypeFamily.Integer),
        ("double precision", ColumnTypeFamily.Decimal), ("number", ColumnTypeFamily.Decimal), ("float4", ColumnTypeFamily.Decimal), ("float8", ColumnTypeFamily.Decimal),
        ("timestamp with time zone", ColumnTypeFamily.Time), ("timestamp without time zone", ColumnTypeFamily.Time),
        ("timestamp_ns", ColumnTypeFamily.Time), ("timestamp_ms", ColumnTypeFamily.Time), ("time without time zone", ColumnTypeFamily.Time),
    ];

    // INVARIANT: a uuid is stored and compared as text (declared `text` over a live uuid column is no drift), but its values
    // are Guids, which no policy literal is: the language gives it no family, so rules on it are not type-checked (GOV0204).
    private static readonly (string Name, ColumnTypeFamily Family)[] WithoutLanguageFamily = [("uuid", ColumnTypeFamily.Text)];

    private static readonly Dictionary<string, (ColumnTypeFamily Family, bool Language)> Table = Build();

    /// <summary>The type names of the language, as completion offers them and GOV0204 lists them.</summary>
    public static IReadOnlyList<string> LanguageNames { get; } = LanguageTypes.Select(t => t.Name).ToArray();

    /// <summary>The family of a declared or live type (any case, arguments ignored: <c>NUMERIC(12, 2)</c>); null when unknown.</summary>
    public static ColumnTypeFamily? Family(string type) => Table.TryGetValue(Normalize(type), out var entry) ? entry.Family : null;

    /// <summary>The family rules are checked against; null for an unknown type and for one the language gives no family (<c>uuid</c>).</summary>
    public static ColumnTypeFamily? LanguageFamily(string type) =>
        Table.TryGetValue(Normalize(type), out var entry) && entry.Language ? entry.Family : null;

    /// <summary>Lower case, without arguments: <c>NUMERIC(12, 2)</c> is <c>numeric</c>.</summary>
    public static string Normalize(string type)
    {
        var t = type.Trim().ToLowerInvariant();
        var paren = t.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 ? t[..paren].Trim() : t;
    }

    private static Dictionary<string, (ColumnTypeFamily, bool)> Build()
    {
        var table = new Dictionary<string, (ColumnTypeFamily, bool)>(StringComparer.Ordinal);
        foreach (var (name, family) in LanguageTypes.Concat(StoreSpellings))
        {
            table.Add(name, (family, true));
        }

        foreach (var (name, family) in WithoutLanguageFamily)
        {
            table.Add(name, (family, false));
        }

        return table;
    }
}
