using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.DuckDb;

public sealed partial class DuckDbStore
{
    /// <summary>
    /// Key types whose text form round-trips exactly (<c>CAST(CAST(x AS VARCHAR) AS T) = x</c>, and equal values have equal text), so a
    /// batch's keys can be matched in the column's own type: the cast runs on the batch's keys, not on every row of the table.
    /// </summary>
    private static readonly HashSet<string> TypedKeyTypes = new(StringComparer.Ordinal)
    {
        "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT",
        "UUID", "DATE", "TIMESTAMP",
    };

    private readonly Dictionary<string, string?> keyTypes = new(StringComparer.Ordinal);

    /// <summary>
    /// Rows whose key's text is one of the loaded keys (the contract: keys cross as <c>CAST(key AS VARCHAR)</c>). For a key type in
    /// <see cref="TypedKeyTypes"/> the keys are cast to the column's type instead, keeping only those whose text is canonical (so
    /// '007' matches no BIGINT row, exactly as before): the same rows, found by a join on the native key. A composite key matches
    /// its columns together, each in its own type where that round-trips (<c>("a", CAST("b" AS VARCHAR)) IN (SELECT ..k0.., k1 ...)</c>).
    /// </summary>
    private string KeyFilter(DatasetModel dataset)
    {
        var columns = KeyColumns(dataset);
        var names = KeysColumns(dataset.KeyColumns.Count);
        var left = new List<string>();
        var right = new List<string>();
        var canonical = new List<string>();
        for (var i = 0; i < columns.Count; i++)
        {
            if (KeyType(dataset, i) is { } type)
            {
                left.Add(columns[i]);
                right.Add($"TRY_CAST({names[i]} AS {type})");
                canonical.Add($"CAST(TRY_CAST({names[i]} AS {type}) AS VARCHAR) = {names[i]}");
            }
            else
            {
                left.Add($"CAST({columns[i]} AS VARCHAR)");
                right.Add(names[i]);
            }
        }

        var where = canonical.Count == 0 ? "" : " WHERE " + string.Join(" AND ", canonical);
        var matched = left.Count == 1 ? left[0] : $"({string.Join(", ", left)})";
        return $"{matched} IN (SELECT {string.Join(", ", right)} FROM temp.{KeysTableOf(dataset.KeyColumns.Count)}{where})";
    }

    /// <summary>The key's columns as SQL: each declared key column quoted, or <c>rowid</c> when none is declared.</summary>
    private static IReadOnlyList<string> KeyColumns(DatasetModel dataset) => dataset.HasKey ? [.. dataset.KeyColumns.Select(Sql.Id)] : ["rowid"];

    /// <summary>The columns of the keys table: <c>k</c> for a one-column key, <c>k0</c>, <c>k1</c>... for a composite one.</summary>
    private static IReadOnlyList<string> KeysColumns(int arity) => arity <= 1 ? ["k"] : [.. Enumerable.Range(0, arity).Select(i => $"k{i}")];

    /// <summary>One keys table per key width, so a session that retains datasets with keys of different widths reuses each.</summary>
    private static string KeysTableOf(int arity) => arity <= 1 ? KeysTable : $"{KeysTable}_{arity}";

    /// <summary>The DuckDB type of key column <paramref name="index"/> when it is in <see cref="TypedKeyTypes"/>; null otherwise (or for rowid).</summary>
    private string? KeyType(DatasetModel dataset, int index)
    {
        if (!dataset.HasKey)
        {
            return null;
        }

        var column = dataset.KeyColumns[index];
        var cacheKey = dataset.Location + "\n" + column;
        if (!keyTypes.TryGetValue(cacheKey, out var type))
        {
            type = null;
            using var command = Command($"DESCRIBE {Sql.Table(dataset)}", null);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (reader.GetString(0) == column && TypedKeyTypes.Contains(reader.GetString(1)))
                {
                    type = reader.GetString(1);
                }
            }

            keyTypes[cacheKey] = type;
        }

        return type;
    }
}
