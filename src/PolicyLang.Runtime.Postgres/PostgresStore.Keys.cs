using Npgsql;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

/// <summary>
/// How retention statements name a dataset's key: one column (<c>key id</c>) or the columns of a composite key
/// (<c>key run_id, lane</c>), read as text and composed into the protocol's key text (<see cref="RetentionKeys"/>), and matched
/// back in each column's own type so the key's index is used.
/// </summary>
public sealed partial class PostgresStore
{
    /// <summary>The key columns, each prefixed (<c>t."run_id", t."lane"</c>): an ORDER BY list or a row constructor's items.</summary>
    private static string KeyList(DatasetModel dataset, string prefix = "") =>
        string.Join(", ", RetentionKeyColumns(dataset).Select(c => prefix + Sql.Id(c)));

    /// <summary>
    /// The key columns as text (<c>t."id"::text AS policylang_key</c>; a composite key's columns <c>AS policylang_key0</c>, ...);
    /// <paramref name="alias"/> null leaves the columns unnamed.
    /// </summary>
    private static string KeyTexts(DatasetModel dataset, string prefix, string? alias)
    {
        var columns = RetentionKeyColumns(dataset);
        return string.Join(", ", columns.Select((c, i) =>
            $"{prefix}{Sql.Id(c)}::text" + (alias is null ? "" : columns.Count == 1 ? $" AS {alias}" : $" AS {alias}{i}")));
    }

    /// <summary>The declared key columns; retention without a key is refused.</summary>
    private static IReadOnlyList<string> RetentionKeyColumns(DatasetModel dataset) =>
        dataset.HasKey ? dataset.KeyColumns : throw new RunException($"dataset '{dataset.Name}': retention needs a declared key");

    /// <summary>The key text of the row at <paramref name="start"/> of <paramref name="reader"/> (a composite key's columns in order; a null column reads as null).</summary>
    private static string ReadKey(NpgsqlDataReader reader, int start, DatasetModel dataset)
    {
        var arity = dataset.KeyColumns.Count;
        return arity <= 1
            ? reader.GetString(start)
            : RetentionKeys.Compose([.. Enumerable.Range(start, arity).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i))]);
    }

    /// <summary>The key text of a row read by <see cref="TextsAsync"/> whose key columns start at <paramref name="start"/>.</summary>
    private static string KeyOf(string?[] row, int start, DatasetModel dataset)
    {
        var arity = dataset.KeyColumns.Count;
        return arity <= 1 ? row[start]! : RetentionKeys.Compose(row[start..(start + arity)]);
    }

    /// <summary>
    /// The rows whose key is one of <paramref name="keys"/>: <c>key = ANY($n::text[]::keytype[])</c> for one column, and for a composite
    /// key <c>("a", "b") IN (SELECT * FROM unnest($n::text[]::ta[], $m::text[]::tb[]))</c>. Keys travel as text (the protocol's invariant
    /// form) and are cast back to each column's own type, so the key's index is used instead of casting every row's key to text.
    /// </summary>
    private async Task<string> KeyMatchAsync(NpgsqlConnection connection, DatasetModel dataset, IReadOnlyList<string> keys, Parameters p, CancellationToken ct)
    {
        var columns = RetentionKeyColumns(dataset);
        var types = new List<string>();
        foreach (var column in columns)
        {
            types.Add(await ColumnTypeAsync(connection, dataset, column, ct).ConfigureAwait(false));
        }

        if (columns.Count == 1)
        {
            return $"{Sql.Id(columns[0])} = ANY({p.Add(keys.ToArray())}::text[]::{types[0]}[])";
        }

        var arrays = RetentionKeys.Columns(keys, columns.Count).Select((values, i) => $"{p.Add(values)}::text[]::{types[i]}[]");
        return $"({KeyList(dataset)}) IN (SELECT * FROM unnest({string.Join(", ", arrays)}))";
    }
}
