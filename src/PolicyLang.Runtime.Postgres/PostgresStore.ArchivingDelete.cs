using Npgsql;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

/// <summary>
/// Retention's delete in one pass: <c>DELETE ... RETURNING &lt;archived columns&gt;</c> streams the deleted rows into the
/// archive file, and the transaction stays open until the protocol has stored and verified the archive. Each row is read
/// once (a bitmap heap scan of an index range, in page order) instead of once to export and once to delete.
/// While it is open the batch's rows are locked (a concurrent UPDATE of an expired row waits); a crash, a dropped connection
/// or an error rolls the delete back, and the next run finishes the stored archive by key as usual.
/// </summary>
public sealed partial class PostgresStore
{
    /// <summary>
    /// Rows per DELETE statement of a batch. Batches larger than this are deleted by several statements sent at once, so the
    /// server deletes one chunk while this process writes the previous one, and the writer buffers one chunk, not a batch.
    /// </summary>
    internal int ChunkRows { get; set; } = 10_000;

    /// <summary>Estimated bytes of values at which the Parquet writer closes a row group, even inside a chunk (wide rows).</summary>
    internal long RowGroupBytes { get; set; } = PostgresArchiveWriter.DefaultGroupBytes;

    /// <inheritdoc />
    public async Task<IPendingDelete?> DeleteNextAsync(RetentionSelection selection, int limit, string format, string localPath, CancellationToken ct)
    {
        var ds = selection.Dataset;
        var connection = await OpenAsync(ct).ConfigureAwait(false);
        var session = connection.ProcessID;
        NpgsqlTransaction? tx = null;
        try
        {
            tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            // The transaction is idle while the archive is uploaded and verified; a server or role that ends idle
            // transactions after a short time would otherwise roll back every slow batch. Only this transaction is exempt.
            await using (var exempt = Command(connection, "SET LOCAL idle_in_transaction_session_timeout = 0", [], tx))
            {
                await exempt.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            // Read per batch, not cached: a column added during a long run must still be archived.
            var columns = await PostgresArchiveWriter.ColumnsAsync(connection, ds, ct).ConfigureAwait(false);
            var (chunks, cursor) = await PlanChunksAsync(connection, tx, selection, limit, ct).ConfigureAwait(false);
            if (chunks.Count > 0)
            {
                // One DELETE per chunk, sent together: PostgreSQL deletes chunk i + 1 while this process writes chunk i's row group.
                // No ORDER BY: sorting would cost as much as deleting; rows come in the order each chunk's scan deletes them.
                var returning = $"RETURNING {string.Join(", ", columns.Select(c => c.Select))}, {KeyTexts(ds, "t.", "policylang_key")}";
                await using var statements = new NpgsqlBatch(connection, tx);
                foreach (var chunk in chunks)
                {
                    var statement = new NpgsqlBatchCommand($"DELETE FROM {Sql.Table(ds)} AS t WHERE {chunk.Filter} {returning}");
                    foreach (var value in chunk.Parameters)
                    {
                        statement.Parameters.Add(Parameters.Bind(value));
                    }

                    statements.BatchCommands.Add(statement);
                }

                var keys = new List<string>();
                await using (var reader = await statements.ExecuteReaderAsync(ct).ConfigureAwait(false))
                {
                    await PostgresArchiveWriter.WriteAsync(reader, columns, format, localPath, r => { keys.Add(ReadKey(r, columns.Count, ds)); return true; }, ct, RowGroupBytes).ConfigureAwait(false);
                }

                if (keys.Count > 0)
                {
                    if (new HashSet<string>(keys, StringComparer.Ordinal).Count != keys.Count)
                    {
                        throw new RunException($"dataset '{ds.Name}': key '{RetentionKeys.ColumnText(ds, "")}' is not unique among the expired rows, so nothing was archived or deleted");
                    }

                    if (cursor is { } last)
                    {
                        Advance(ds, last);
                    }

                    var pending = new PendingDelete(this, connection, tx, keys);
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
                await EndIfBrokenAsync(connection, session).ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }

        return null;
    }

    /// <summary>
    /// The next batch as chunks of at most <see cref="ChunkRows"/> rows, each a filter with its parameters. With an index on the
    /// retention column: "expired, after the previous bound, and up to this chunk's last <c>(by, key)</c>", each bound read
    /// from the index alone (the last one is returned as the next cursor; a chunk that finds fewer rows takes all that are
    /// left). Without one: the keys after the cursor, selected and then chunked (the last one is the next cursor). No chunks
    /// when no expired rows are left. The cursor also keeps the batch deleted ahead (uncommitted) away from the rows of the
    /// batch before it, which other transactions still see.
    /// </summary>
    private async Task<(List<(string Filter, IReadOnlyList<object?> Parameters)> Chunks, (string By, string Key)? Cursor)> PlanChunksAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, RetentionSelection selection, int limit, CancellationToken ct)
    {
        var ds = selection.Dataset;
        var by = Sql.Id(selection.Retention.ByColumn!);
        var key = KeyList(ds, "t.");
        var chunks = new List<(string, IReadOnlyList<object?>)>();
        var lower = Cursor(ds);
        if (!await RangeIndexedAsync(connection, selection, ct).ConfigureAwait(false))
        {
            var p = new Parameters();
            var where = await ExpiredAfterAsync(connection, selection, lower, p, ct).ConfigureAwait(false);
            var select = $"SELECT {KeyTexts(ds, "t.", null)}, t.{by}::text FROM {Sql.Table(ds)} AS t WHERE {where} ORDER BY t.{by}, {key} LIMIT {p.Add((long)limit)}";
            var rows = await TextsAsync(connection, tx, select, p.Values, ct).ConfigureAwait(false);
            var byIndex = ds.KeyColumns.Count;
            foreach (var part in rows.Select(r => KeyOf(r, 0, ds)).Chunk(ChunkRows))
            {
                var q = new Parameters();
                var expired = Expired(selection, q);
                chunks.Add(($"{expired} AND {await KeyMatchAsync(connection, ds, part, q, ct).ConfigureAwait(false)}", q.Values));
            }

            return (chunks, rows.Count == 0 ? null : (rows[^1][byIndex]!, KeyOf(rows[^1], 0, ds)));
        }

        for (var remaining = limit; remaining > 0; remaining -= ChunkRows)
        {
            var p = new Parameters();
            var where = await ExpiredAfterAsync(connection, selection, lower, p, ct).ConfigureAwait(false);
            var probe = new Parameters(p.Values);
            // Only the bound row is converted to text; the rows the OFFSET skips are read from the index and never projected.
            var keyItems = ds.KeyColumns.Count == 1 ? ["k"] : Enumerable.Range(0, ds.KeyColumns.Count).Select(i => $"k{i}").ToList();
            var keyAs = string.Join(", ", ds.KeyColumns.Select((c, i) => $"t.{Sql.Id(c)} AS {keyItems[i]}"));
            var sql = $"SELECT b::text, {string.Join(", ", keyItems.Select(k => k + "::text"))} FROM (SELECT t.{by} AS b, {keyAs} FROM {Sql.Table(ds)} AS t WHERE {where} " +
                      $"ORDER BY t.{by}, {key} OFFSET {probe.Add((long)Math.Min(ChunkRows, remaining) - 1)} LIMIT 1) AS bound";
            var bound = await TextsAsync(connection, tx, sql, probe.Values, ct).ConfigureAwait(false);
            if (bound.Count == 0)
            {
                // Fewer rows than a chunk are left: this chunk is all of them (possibly none).
                chunks.Add((where, p.Values));
                break;
            }

            var boundKey = KeyOf(bound[0], 1, ds);
            chunks.Add(($"{where} AND {Row(selection)} <= {await BoundAsync(connection, selection, p, bound[0][0]!, boundKey, ct).ConfigureAwait(false)}", p.Values));
            lower = (bound[0][0]!, boundKey);
        }

        return (chunks, lower);
    }

    private sealed class PendingDelete(PostgresStore store, NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<string> keys) : IPendingDelete
    {
        private readonly int session = connection.ProcessID;

        public IReadOnlyList<string> Keys => keys;

        public async Task<long> CommitAsync(Func<ValueTask>? beforeCommit, CancellationToken ct)
        {
            if (beforeCommit is not null)
            {
                await beforeCommit().ConfigureAwait(false);
            }

            await tx.CommitAsync(ct).ConfigureAwait(false);
            return keys.Count;
        }

        /// <summary>
        /// Rolls back unless committed (the transaction's own dispose does), ends the session if its connection broke (a commit that got
        /// no answer), then returns the connection.
        /// </summary>
        public async ValueTask DisposeAsync()
        {
            try
            {
                await tx.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                await store.EndIfBrokenAsync(connection, session).ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
