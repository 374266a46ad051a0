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

    private readonly Dictionary<string, string?> _keyTypes = new(StringComparer.Ordinal);

    /// <summary>
    /// Rows whose key's text is one of the loaded keys (the contract: keys cross as <c>CAST(key AS VARCHAR)</c>). For a key type in
    /// <see cref="TypedKeyTypes"/> the keys are cast to the column's type instead, keeping only those whose text is canonical (so
    /// '007' matches no BIGINT row, exactly as before): the same rows, found by a join on the native key.
    /// </summary>
    private string KeyFilter(DatasetModel dataset)
    {
        var key = Sql.Key(dataset);
        if (KeyType(dataset) is not { } type)
        {
            return $"CAST({key} AS VARCHAR) IN (SELECT k FROM temp.{KeysTable})";
        }

        return $"{key} IN (SELECT TRY_CAST(k AS {type}) FROM temp.{KeysTable} WHERE CAST(TRY_CAST(k AS {type}) AS VARCHAR) = k)";
    }

    /// <summary>The declared key's DuckDB type when it is in <see cref="TypedKeyTypes"/>; null otherwise (or for rowid).</summary>
    private string? KeyType(DatasetModel dataset)
    {
        if (dataset.Key is null)
        {
            return null;
        }

        var cacheKey = dataset.Location + "\n" + dataset.Key;
        if (!_keyTypes.TryGetValue(cacheKey, out var type))
        {
            type = null;
            using var command = Command($"DESCRIBE {Sql.Table(dataset)}", null);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (reader.GetString(0) == dataset.Key && TypedKeyTypes.Contains(reader.GetString(1)))
                {
                    type = reader.GetString(1);
                }
            }

            _keyTypes[cacheKey] = type;
        }

        return type;
    }
}
