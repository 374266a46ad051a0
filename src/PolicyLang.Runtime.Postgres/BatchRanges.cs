using System.Collections.Concurrent;
using Npgsql;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

/// <summary>
/// A faster way to address the batch just selected. A batch is the first n expired rows in <c>(by, key)</c> order, so
/// "expired and <c>(first by, first key) &lt;= (by, key) &lt;= (last by, last key)</c>" names the same rows with one index range read instead of n
/// primary-key probes (<c>key = ANY(...)</c>). INVARIANT: the range is only ever used after proving, in the same
/// transaction, that it holds exactly the protocol's keys; otherwise the exact key list is used.
/// Used only when an index starts with the retention column (else the range would scan the table).
/// </summary>
public sealed partial class PostgresStore
{
    private readonly ConcurrentDictionary<string, SelectedBatch> _selected = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _rangeIndexed = new(StringComparer.Ordinal);

    private int _rangeBatches;

    /// <summary>How many export, delete or anonymize steps used the range instead of the key list (for tests and benchmarks).</summary>
    internal int RangeBatches => Volatile.Read(ref _rangeBatches);

    private sealed record SelectedBatch(int Count, string First, string Last, string Filter, IReadOnlyList<object?> Parameters);

    private async Task RememberBatchAsync(NpgsqlConnection connection, RetentionSelection selection, IReadOnlyList<string> keys,
        string? firstBy, string? lastBy, CancellationToken ct)
    {
        var ds = selection.Dataset;
        _selected.TryRemove(ds.Name, out _);
        if (keys.Count == 0 || firstBy is null || lastBy is null || ds.Key is null) return;
        var byColumn = selection.Retention.ByColumn!;
        if (!_rangeIndexed.TryGetValue(ds.Name, out var indexed))
        {
            await using var command = Command(connection,
                "SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] " +
                "WHERE i.indrelid = to_regclass($1::text) AND a.attname = $2::text)", [Sql.Table(ds), byColumn]);
            indexed = (bool)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
            _rangeIndexed[ds.Name] = indexed;
        }
        if (!indexed) return;
        var p = new Parameters();
        var byType = await ColumnTypeAsync(connection, ds, byColumn, ct).ConfigureAwait(false);
        var keyType = await ColumnTypeAsync(connection, ds, ds.Key, ct).ConfigureAwait(false);
        // Text round-trips exactly for every type (timestamps keep their microseconds), so the boundaries are cast back.
        // The lower bound is not needed to name the batch, but it starts the index scan at the batch instead of walking
        // the dead index entries every earlier batch left behind (bitmap scans never mark them dead): linear, not quadratic.
        var row = $"({Sql.Id(byColumn)}, {Sql.Id(ds.Key)})";
        var filter = $"{Expired(selection, p)} AND {row} >= ({p.Add(firstBy)}::text::{byType}, {p.Add(keys[0])}::text::{keyType}) " +
                     $"AND {row} <= ({p.Add(lastBy)}::text::{byType}, {p.Add(keys[^1])}::text::{keyType})";
        _selected[ds.Name] = new SelectedBatch(keys.Count, keys[0], keys[^1], filter, p.Values);
    }

    private void CountRange() => Interlocked.Increment(ref _rangeBatches);

    private SelectedBatch? SelectedRange(DatasetModel dataset, IReadOnlyList<string> keys) =>
        keys.Count > 0 && _selected.TryGetValue(dataset.Name, out var batch) && batch.Count == keys.Count
            && batch.First == keys[0] && batch.Last == keys[^1] ? batch : null;

    private static async Task<List<string>> KeysAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, IReadOnlyList<object?> parameters, CancellationToken ct)
    {
        var keys = new List<string>();
        await using var command = Command(connection, sql, parameters, tx);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) keys.Add(reader.GetString(0));
        return keys;
    }

    private static bool SameKeys(IReadOnlyCollection<string> found, IReadOnlyList<string> keys) =>
        found.Count == keys.Count && new HashSet<string>(keys, StringComparer.Ordinal).SetEquals(found);

    /// <summary>The column's type as the server spells it (<c>format_type</c> quotes as needed, so it is safe in SQL).</summary>
    private async Task<string> ColumnTypeAsync(NpgsqlConnection connection, DatasetModel dataset, string column, CancellationToken ct)
    {
        var cacheKey = dataset.Name + "\0" + column;
        if (_keyTypes.TryGetValue(cacheKey, out var type)) return type;
        await using var command = Command(connection,
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = to_regclass($1::text) AND attname = $2::text AND attnum > 0 AND NOT attisdropped",
            [Sql.Table(dataset), column]);
        type = await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as string
            ?? throw new RunException($"dataset '{dataset.Name}': column '{column}' does not exist in table '{dataset.Location}'");
        _keyTypes[cacheKey] = type;
        return type;
    }
}
