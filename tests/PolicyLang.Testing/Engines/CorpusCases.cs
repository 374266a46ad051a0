using PolicyLang.Runtime.Differential;

namespace PolicyLang.Testing.Engines;

/// <summary>A corpus case in the engines' shape: <c>data</c> as the facts, its target (or an empty table) as the dims.</summary>
internal static class CorpusCases
{
    private static int next = 100_000;

    /// <summary>
    /// The case with values as the engines bind them (INTEGER as int, TIMESTAMP as a UTC wall-clock DateTime). The seed is
    /// odd (no declared columns, as the corpus declares none) and unique, so a store that shares a database gives each case its own schema.
    /// </summary>
    public static GeneratedCase ToEngineCase(this CorpusCase c)
    {
        var seed = Interlocked.Add(ref next, 2) + 1;
        var target = c.Target is { } t ? Table(t) : new GeneratedTable("no_target", [new GeneratedColumn(GeneratedTable.Key, ColumnType.BigInt)], []);
        return new GeneratedCase(seed, BehaviourCorpus.Now, Table(c.Data), target, c.RuleModels);
    }

    private static GeneratedTable Table(CorpusTable table) => new(
        table.Name,
        table.Columns.Select(x => new GeneratedColumn(x.Name, Type(x.Type))).ToList(),
        table.Rows.Select(row => (IReadOnlyDictionary<string, object?>)row.ToDictionary(kv => kv.Key, kv => Value(kv.Value, Type(table.Columns.Single(x => x.Name == kv.Key).Type)))).ToList());

    private static ColumnType Type(string corpusType) => corpusType switch
    {
        "BIGINT" => ColumnType.BigInt,
        "INTEGER" => ColumnType.Integer,
        "DOUBLE" => ColumnType.Double,
        "BOOLEAN" => ColumnType.Boolean,
        "TIMESTAMP" => ColumnType.Timestamp,
        "TIMESTAMPTZ" => ColumnType.TimestampTz,
        _ => ColumnType.Text,
    };

    private static object? Value(object? value, ColumnType type) => (value, type) switch
    {
        (long l, ColumnType.Integer) => checked((int)l),
        (DateTimeOffset d, ColumnType.Timestamp) => DateTime.SpecifyKind(d.UtcDateTime, DateTimeKind.Unspecified),
        _ => value,
    };
}
