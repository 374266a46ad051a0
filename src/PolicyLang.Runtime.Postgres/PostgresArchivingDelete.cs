using Npgsql;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

/// <summary>
/// Retention's delete in one pass: <c>DELETE ... RETURNING &lt;archived columns&gt;</c> streams the deleted rows into the archive file, and the transaction stays open until the protocol has stored and verified
/// the archive. Each row is read once, by a bitmap heap scan in page order, instead of once to export and once to delete.
/// While it is open the batch's rows are locked (a concurrent UPDATE of an expired row waits); a crash or a dropped
/// connection rolls the delete back, and the next run finishes the stored archive by key as usual.
/// </summary>
public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public async Task<IPendingDelete?> DeleteNextAsync(RetentionSelection selection, int limit, string format, string localPath, CancellationToken ct)
    {
        var ds = selection.Dataset;
        var connection = await OpenAsync(ct).ConfigureAwait(false);
        NpgsqlTransaction? tx = null;
        try
        {
            tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            // Read per batch, not cached: a column added during a long run must still be archived.
            var columns = await ArchiveWriter.ColumnsAsync(connection, ds, ct).ConfigureAwait(false);
            var p = new Parameters();
            var (filter, bound) = await BatchFilterAsync(connection, tx, selection, limit, p, ct).ConfigureAwait(false);
            if (filter is not null)
            {
                // No ORDER BY: sorting the batch would cost as much as deleting it; rows and keys come in the order the scan
                // deletes them (table order), and the archive's name and hash do not depend on it.
                var sql = $"DELETE FROM {Sql.Table(ds)} AS t WHERE {filter} RETURNING {string.Join(", ", columns.Select(c => c.Select))}, " +
                          $"t.{Sql.Key(ds)}::text AS policylang_key";
                var keys = new List<string>();
                await using (var command = Command(connection, sql, p.Values, tx))
                await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
                    await ArchiveWriter.WriteAsync(reader, columns, format, localPath, r => { keys.Add(r.GetString(columns.Count)); return true; }, ct).ConfigureAwait(false);
                if (keys.Count > 0)
                {
                    if (new HashSet<string>(keys, StringComparer.Ordinal).Count != keys.Count)
                        throw new RunException($"dataset '{ds.Name}': key '{ds.Key}' is not unique among the expired rows, so nothing was archived or deleted");
                    if (bound is { } last && _locks.ContainsKey(ds.Name)) _cursors[ds.Name] = last;
                    var pending = new PendingDelete(connection, tx, keys);
                    tx = null;
                    return pending;
                }
            }
        }
        finally
        {
            // Reached with a transaction still owned here only when nothing is handed to the caller: roll it back.
            if (tx is not null)
            {
                await tx.DisposeAsync().ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
        return null;
    }

    /// <summary>
    /// The rows of the next batch as a filter: with an index on the retention column, "expired, after the cursor, and up to
    /// the <paramref name="limit"/>-th row's <c>(by, key)</c>" (that bound, read from the index alone, is returned as the next
    /// cursor); without one, the selected keys. Null when no expired rows are left.
    /// </summary>
    private async Task<(string? Filter, (string By, string Key)? Bound)> BatchFilterAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        RetentionSelection selection, int limit, Parameters p, CancellationToken ct)
    {
        var ds = selection.Dataset;
        var by = Sql.Id(selection.Retention.ByColumn!);
        var key = Sql.Key(ds);
        var where = Expired(selection, p);
        if (_cursors.TryGetValue(ds.Name, out var cursor))
            where += $" AND {Row(selection)} > {await BoundAsync(connection, selection, p, cursor.By, cursor.Key, ct).ConfigureAwait(false)}";
        var probe = new Parameters(p.Values);
        var indexed = await RangeIndexedAsync(connection, selection, ct).ConfigureAwait(false);
        // Qualified ORDER BY: a bare name would sort by the text output column of the same name.
        var sql = indexed
            ? $"SELECT t.{by}::text AS policylang_by, t.{key}::text AS policylang_key FROM {Sql.Table(ds)} AS t WHERE {where} " +
              $"ORDER BY t.{by}, t.{key} OFFSET {probe.Add((long)limit - 1)} LIMIT 1"
            : $"SELECT t.{key}::text AS policylang_key FROM {Sql.Table(ds)} AS t WHERE {where} ORDER BY t.{by}, t.{key} LIMIT {probe.Add((long)limit)}";
        var found = new List<(string By, string Key)>();
        await using (var command = Command(connection, sql, probe.Values, tx))
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) found.Add(indexed ? (reader.GetString(0), reader.GetString(1)) : ("", reader.GetString(0)));
        if (indexed)
        {
            // Fewer than `limit` rows left: the batch is all of them.
            if (found.Count == 0) return (where, null);
            return ($"{where} AND {Row(selection)} <= {await BoundAsync(connection, selection, p, found[0].By, found[0].Key, ct).ConfigureAwait(false)}", found[0]);
        }
        if (found.Count == 0) return (null, null);
        var keyType = await ColumnTypeAsync(connection, ds, ds.Key!, ct).ConfigureAwait(false);
        return ($"{where} AND {key} = ANY({p.Add(found.Select(f => f.Key).ToArray())}::text[]::{keyType}[])", null);
    }

    private sealed class PendingDelete(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<string> keys) : IPendingDelete
    {
        public IReadOnlyList<string> Keys => keys;

        public async Task<long> CommitAsync(Func<ValueTask>? beforeCommit, CancellationToken ct)
        {
            if (beforeCommit is not null) await beforeCommit().ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            return keys.Count;
        }

        /// <summary>Rolls back unless committed (the transaction's own dispose does), then returns the connection.</summary>
        public async ValueTask DisposeAsync()
        {
            try
            {
                await tx.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
