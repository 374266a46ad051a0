using System.Collections.Concurrent;
using Npgsql;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

/// <summary>
/// How the postgres store walks a retention run. A batch is the first n expired rows in <c>(by, key)</c> order.
/// <para>Cursor: while a run holds the dataset's retention lock, each batch starts after the previous batch's last
/// <c>(by, key)</c>, so the index scan starts at the batch instead of walking the dead entries every earlier batch left behind
/// (linear, not quadratic, in the number of batches). Rows before the cursor were handled by this run; any left over (a
/// concurrent insert with an old timestamp) are picked up by the next run.</para>
/// <para>Range: "expired and <c>(first by, first key) &lt;= (by, key) &lt;= (last by, last key)</c>" names the same rows with
/// one index range read instead of n primary-key probes (<c>key = ANY(...)</c>). INVARIANT: the range is only ever used after
/// proving, in the same transaction, that it holds exactly the protocol's keys; otherwise the exact key list is used.
/// Used only when an index starts with the retention column (else the range would scan the table).</para>
/// </summary>
public sealed partial class PostgresStore
{
    private readonly ConcurrentDictionary<string, SelectedBatch> selected = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string By, string Key)> _cursors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> rangeIndexed = new(StringComparer.Ordinal);

    private int rangeBatches;

    /// <summary>How many export, delete or anonymize steps used the range instead of the key list (for tests and benchmarks).</summary>
    internal int RangeBatches => Volatile.Read(ref rangeBatches);

    private sealed record SelectedBatch(int Count, string First, string Last, string Filter, IReadOnlyList<object?> Parameters);

    /// <summary>A batch being selected: the keys and retention values (as text) of the rows read so far.</summary>
    private sealed class PendingBatch
    {
        public List<string> Keys { get; } = [];
        public string? FirstBy { get; private set; }
        public string? LastBy { get; private set; }

        /// <summary>Records a row of <see cref="NextBatchAsync"/>: its key's columns, then its retention value.</summary>
        public void Add(NpgsqlDataReader reader, DatasetModel dataset)
        {
            Keys.Add(ReadKey(reader, 0, dataset));
            LastBy = reader.GetString(reader.FieldCount - 1);
            FirstBy ??= LastBy;
        }
    }

    /// <summary>
    /// <c>SELECT key::text, by::text FROM t WHERE expired [AND (by, key) &gt; cursor] ORDER BY by, key LIMIT n</c>.
    /// Output columns get their own names: a bare ORDER BY name prefers an output column, and "id"::text would sort as text.
    /// </summary>
    private async Task<(string Sql, IReadOnlyList<object?> Parameters)> NextBatchAsync(NpgsqlConnection connection, RetentionSelection selection, int limit, CancellationToken ct)
    {
        var ds = selection.Dataset;
        var p = new Parameters();
        var where = await ExpiredAfterAsync(connection, selection, Cursor(ds), p, ct).ConfigureAwait(false);
        var by = Sql.Id(selection.Retention.ByColumn!);
        var sql = $"SELECT {KeyTexts(ds, "t.", "policylang_key")}, t.{by}::text AS policylang_by FROM {Sql.Table(ds)} AS t " +
                  $"WHERE {where} ORDER BY t.{by}, {KeyList(ds, "t.")} LIMIT {p.Add((long)limit)}";
        return (sql, p.Values);
    }

    private async Task RememberBatchAsync(NpgsqlConnection connection, RetentionSelection selection, PendingBatch batch, CancellationToken ct)
    {
        var ds = selection.Dataset;
        var keys = batch.Keys;
        selected.TryRemove(ds.Name, out _);
        if (keys.Count == 0 || batch.FirstBy is null || batch.LastBy is null || !ds.HasKey)
        {
            return;
        }

        Advance(ds, (batch.LastBy, keys[^1]));
        if (!await RangeIndexedAsync(connection, selection, ct).ConfigureAwait(false))
        {
            return;
        }

        var p = new Parameters();
        // The lower bound is not needed to name the batch, but it starts the index scan at the batch, as the cursor does.
        var row = Row(selection);
        var filter = $"{Expired(selection, p)} AND {row} >= {await BoundAsync(connection, selection, p, batch.FirstBy, keys[0], ct).ConfigureAwait(false)} " +
                     $"AND {row} <= {await BoundAsync(connection, selection, p, batch.LastBy, keys[^1], ct).ConfigureAwait(false)}";
        selected[ds.Name] = new SelectedBatch(keys.Count, keys[0], keys[^1], filter, p.Values);
    }

    /// <summary>Whether an index starts with the retention column (cached per dataset).</summary>
    private async Task<bool> RangeIndexedAsync(NpgsqlConnection connection, RetentionSelection selection, CancellationToken ct)
    {
        var ds = selection.Dataset;
        if (rangeIndexed.TryGetValue(ds.Name, out var indexed))
        {
            return indexed;
        }

        await using var command = Command(connection,
            "SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] " +
            "WHERE i.indrelid = to_regclass($1::text) AND a.attname = $2::text)", [Sql.Table(ds), selection.Retention.ByColumn!]);
        indexed = (bool)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        rangeIndexed[ds.Name] = indexed;
        return indexed;
    }

    /// <summary>Forgets the run's position (a new lock is a new run; a released one ends it).</summary>
    private void ResetCursor(DatasetModel dataset) => _cursors.TryRemove(dataset.Name, out _);

    /// <summary>The run's position: the last <c>(by, key)</c> handled, as text; null at the start of a run.</summary>
    private (string By, string Key)? Cursor(DatasetModel dataset) => _cursors.TryGetValue(dataset.Name, out var cursor) ? cursor : null;

    /// <summary>Moves the run's position, only while a run holds the lock: without one, selecting is repeatable.</summary>
    private void Advance(DatasetModel dataset, (string By, string Key) to)
    {
        if (locks.ContainsKey(dataset.Name))
        {
            _cursors[dataset.Name] = to;
        }
    }

    /// <summary>"Expired [AND (by, key) &gt; <paramref name="after"/>]": the rows still to process after a position.</summary>
    private async Task<string> ExpiredAfterAsync(NpgsqlConnection connection, RetentionSelection selection, (string By, string Key)? after,
        Parameters p, CancellationToken ct)
    {
        var where = Expired(selection, p);
        return after is { } a ? $"{where} AND {Row(selection)} > {await BoundAsync(connection, selection, p, a.By, a.Key, ct).ConfigureAwait(false)}" : where;
    }

    private static string Row(RetentionSelection selection) => $"({Sql.Id(selection.Retention.ByColumn!)}, {KeyList(selection.Dataset)})";

    /// <summary>
    /// <c>($n::text::by_type, $m::text::key_type)</c> (a composite key: one item per key column): text round-trips exactly for every
    /// type (timestamps keep their microseconds).
    /// </summary>
    private async Task<string> BoundAsync(NpgsqlConnection connection, RetentionSelection selection, Parameters p, string by, string key, CancellationToken ct)
    {
        var ds = selection.Dataset;
        var items = new List<string> { $"{p.Add(by)}::text::{await ColumnTypeAsync(connection, ds, selection.Retention.ByColumn!, ct).ConfigureAwait(false)}" };
        var parts = RetentionKeys.Split(key, ds.KeyColumns.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            items.Add($"{p.Add(parts[i])}::text::{await ColumnTypeAsync(connection, ds, ds.KeyColumns[i], ct).ConfigureAwait(false)}");
        }

        return $"({string.Join(", ", items)})";
    }

    private void CountRange() => Interlocked.Increment(ref rangeBatches);

    private SelectedBatch? SelectedRange(DatasetModel dataset, IReadOnlyList<string> keys) =>
        keys.Count > 0 && selected.TryGetValue(dataset.Name, out var batch) && batch.Count == keys.Count
            && batch.First == keys[0] && batch.Last == keys[^1] ? batch : null;

    /// <summary>Runs <paramref name="sql"/> in <paramref name="tx"/> and reads every row's columns as text.</summary>
    private static async Task<List<string?[]>> TextsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, IReadOnlyList<object?> parameters, CancellationToken ct)
    {
        var rows = new List<string?[]>();
        await using var command = Command(connection, sql, parameters, tx);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i)).ToArray());
        }

        return rows;
    }

    private static bool SameKeys(IReadOnlyCollection<string?[]> found, IReadOnlyList<string> keys, DatasetModel dataset) =>
        found.Count == keys.Count && new HashSet<string>(keys, StringComparer.Ordinal).SetEquals(found.Select(row => KeyOf(row, 0, dataset)));

    /// <summary>The column's type as the server spells it (<c>format_type</c> quotes as needed, so it is safe in SQL).</summary>
    private async Task<string> ColumnTypeAsync(NpgsqlConnection connection, DatasetModel dataset, string column, CancellationToken ct)
    {
        var cacheKey = dataset.Name + "\0" + column;
        if (keyTypes.TryGetValue(cacheKey, out var type))
        {
            return type;
        }

        await using var command = Command(connection,
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = to_regclass($1::text) AND attname = $2::text AND attnum > 0 AND NOT attisdropped",
            [Sql.Table(dataset), column]);
        type = await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as string
            ?? throw new RunException($"dataset '{dataset.Name}': column '{column}' does not exist in table '{dataset.Location}'");
        keyTypes[cacheKey] = type;
        return type;
    }
}
