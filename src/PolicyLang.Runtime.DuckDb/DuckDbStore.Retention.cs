using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.DuckDb;

public sealed partial class DuckDbStore
{
    private const string KeysTable = "__policylang_keys";

    /// <inheritdoc />
    public Task<long> CountExpiredAsync(RetentionSelection selection, CancellationToken ct)
    {
        RequireUnambiguous(selection.Dataset);
        var p = new Parameters();
        return Task.FromResult(Scalar($"SELECT count(*)::BIGINT FROM {Sql.Table(selection.Dataset)} WHERE {Expired(selection, p)}", p));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> SelectExpiredKeysAsync(RetentionSelection selection, int limit, CancellationToken ct)
    {
        var p = new Parameters();
        var ds = selection.Dataset;
        var texts = string.Join(", ", KeyColumns(ds).Select(k => $"CAST({k} AS VARCHAR)"));
        var sql = $"SELECT {texts} FROM {Sql.Table(ds)} WHERE {Expired(selection, p)} " +
                  $"ORDER BY {Sql.Id(selection.Retention.ByColumn!)}, {Sql.Key(ds)} LIMIT {p.Add((long)limit)}";
        var keys = new List<string>();
        using var command = Command(sql, p);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(reader.FieldCount == 1
                ? reader.GetString(0)
                : RetentionKeys.Compose(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i)).ToList()));
        }

        return Task.FromResult<IReadOnlyList<string>>(keys);
    }

    /// <inheritdoc />
    public Task<long> ExportAsync(DatasetModel dataset, IReadOnlyList<string> keys, string format, string localPath, CancellationToken ct)
    {
        var options = format == "jsonl" ? "FORMAT json" : "FORMAT parquet, COMPRESSION zstd";
        return InTransaction(() =>
        {
            LoadKeys(dataset, keys);
            var columns = ArchiveColumns(dataset, format);
            // Count and copy read the same snapshot inside one transaction, so the count is the file's row count.
            var rows = format == "jsonl" ? Scalar($"SELECT count(*)::BIGINT FROM {Sql.Table(dataset)} WHERE {KeyFilter(dataset)}", null) : 0;
            // COPY takes no parameters: the path is a quoted literal and the rows are chosen through the keys table.
            Execute($"COPY (SELECT {columns} FROM {Sql.Table(dataset)} WHERE {KeyFilter(dataset)} ORDER BY {Sql.Key(dataset)}) TO {Sql.Literal(localPath)} ({options})");
            // Parquet is read back by the engine itself: its count and a key/content checksum must equal the table's for the batch.
            return format == "jsonl" ? rows : VerifyExport(dataset, columns, localPath);
        }, beforeCommit: null);
    }

    /// <summary>
    /// The archived columns, each typed so that it is stored exactly (the postgres store does the same). Parquet keeps DuckDB's
    /// types except INTERVAL (Parquet's drops microseconds and refuses negative intervals) and HUGEINT/UHUGEINT (written as
    /// DOUBLE), which are archived as their text. JSON Lines keeps integers, booleans, text and times as DuckDB writes them;
    /// floats are numbers, or "NaN", "Infinity", "-Infinity" (DuckDB would write invalid JSON); every other type (DECIMAL,
    /// UUID, JSON, lists, structs...) is its exact DuckDB text: as JSON numbers, DECIMALs of more than 15 digits came back
    /// rounded (or not at all) even through DuckDB's own reader, and JSON values were re-serialized (1.5e10 became 15000000000.0).
    /// </summary>
    private string ArchiveColumns(DatasetModel dataset, string format)
    {
        var columns = new List<string>();
        using var command = Command($"DESCRIBE {Sql.Table(dataset)}", null);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var c = Sql.Id(reader.GetString(0));
            var type = reader.GetString(1);
            var asText = $"CAST({c} AS VARCHAR) AS {c}";
            columns.Add(format != "jsonl"
                ? type is "INTERVAL" or "HUGEINT" or "UHUGEINT" ? asText : c
                : type switch
                {
                    "BOOLEAN" or "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT"
                        or "VARCHAR" or "DATE" or "TIME" or "TIMESTAMP" or "TIMESTAMP WITH TIME ZONE" => c,
                    "FLOAT" or "DOUBLE" => $"CAST(CASE WHEN isnan({c}) THEN '\"NaN\"' WHEN {c} = 'Infinity' THEN '\"Infinity\"' " +
                        $"WHEN {c} = '-Infinity' THEN '\"-Infinity\"' ELSE CAST({c} AS VARCHAR) END AS JSON) AS {c}",
                    _ => asText,
                });
        }

        return string.Join(", ", columns);
    }

    /// <inheritdoc />
    public Task<long> DeleteAsync(DatasetModel dataset, IReadOnlyList<string> keys, Func<ValueTask>? beforeCommit, CancellationToken ct) =>
        InTransaction(() =>
        {
            LoadKeys(dataset, keys);
            using var command = Command($"DELETE FROM {Sql.Table(dataset)} WHERE {KeyFilter(dataset)}", null);
            return (long)command.ExecuteNonQuery();
        }, beforeCommit);

    /// <inheritdoc />
    public Task<long> AnonymizeAsync(DatasetModel dataset, IReadOnlyList<string> keys, IReadOnlyList<string> columns, Func<ValueTask>? beforeCommit, CancellationToken ct)
    {
        if (columns.Count == 0)
        {
            throw new RunException($"dataset '{dataset.Name}': anonymize names no columns");
        }

        var set = string.Join(", ", columns.Select(c => $"{Sql.Id(c)} = NULL"));
        return InTransaction(() =>
        {
            LoadKeys(dataset, keys);
            // Rows already anonymized are left alone: a recovered batch whose update had committed changes and counts nothing.
            using var command = Command($"UPDATE {Sql.Table(dataset)} SET {set} WHERE {KeyFilter(dataset)} AND {SqlText.AnyNotNull(columns, Sql.Id)}", null);
            return (long)command.ExecuteNonQuery();
        }, beforeCommit);
    }

    private static string Expired(RetentionSelection selection, Parameters p)
    {
        var by = selection.Retention.ByColumn
            ?? throw new RunException($"dataset '{selection.Dataset.Name}': retention by last-modified applies to object stores, not duckdb tables");
        // Typed: an untyped parameter takes the column's type, and a DATE column cut the cutoff to its day, keeping rows of
        // the cutoff's day that were already past the window.
        return SqlText.StillToProcess(selection.Retention, $"{Sql.Id(by)} < {p.AddOperand(selection.Cutoff)}", Sql.Id);
    }

    /// <summary>
    /// Puts <paramref name="keys"/> into a session-local temp table (never persisted, so a crash leaves nothing behind): column <c>k</c>
    /// for a one-column key, <c>k0</c>, <c>k1</c>... for the columns of a composite key.
    /// </summary>
    private void LoadKeys(DatasetModel dataset, IReadOnlyList<string> keys)
    {
        var arity = dataset.KeyColumns.Count;
        var table = KeysTableOf(arity);
        Execute($"CREATE TEMP TABLE IF NOT EXISTS {table} ({string.Join(", ", KeysColumns(arity).Select(k => k + " VARCHAR"))})");
        Execute($"DELETE FROM temp.{table}");
        // The appender is ~10x faster than parameterized INSERTs for a 10 000-key batch, and keys still never enter SQL text.
        using var appender = connection.CreateAppender("temp", "main", table);
        foreach (var key in keys)
        {
            var row = appender.CreateRow();
            foreach (var part in RetentionKeys.Split(key, Math.Max(1, arity)))
            {
                row = part is null ? row.AppendNullValue() : row.AppendValue(part);
            }

            row.EndRow();
        }
    }

    private async Task<long> InTransaction(Func<long> work, Func<ValueTask>? beforeCommit)
    {
        Execute("BEGIN TRANSACTION");
        try
        {
            var result = work();
            if (beforeCommit is not null)
            {
                await beforeCommit().ConfigureAwait(false);
            }

            Execute("COMMIT");
            return result;
        }
        catch
        {
            Execute("ROLLBACK");
            throw;
        }
    }
}
