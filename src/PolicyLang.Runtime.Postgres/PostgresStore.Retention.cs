using System.Collections.Concurrent;
using Npgsql;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>The first key of <c>pg_advisory_lock(int, int)</c> for retention locks ("PL"), so they are easy to find in <c>pg_locks</c>.</summary>
    internal const int RetentionLockClass = 0x504C;

    private readonly ConcurrentDictionary<string, IAsyncDisposable> locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> keyTypes = new(StringComparer.Ordinal);

    /// <summary>
    /// Waits for the session-level advisory lock of the dataset's table (<c>pg_advisory_lock(0x504C, hashtext(table))</c>) on a
    /// connection held until the handle is disposed. A second run therefore waits for the first and then finds no expired rows
    /// left; if the holder dies, the server ends its session and releases the lock.
    /// </summary>
    public async Task<IAsyncDisposable?> LockRetentionAsync(DatasetModel dataset, CancellationToken ct)
    {
        var connection = await OpenAsync(ct).ConfigureAwait(false);
        try
        {
            await using var command = Command(connection, "SELECT pg_advisory_lock($1::int, hashtext($2::text))", [RetentionLockClass, Sql.Table(dataset)]);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        ResetCursor(dataset);
        var handle = new RetentionLock(connection, () =>
        {
            locks.TryRemove(dataset.Name, out _);
            ResetCursor(dataset);
        });
        locks[dataset.Name] = handle;
        return handle;
    }

    /// <inheritdoc />
    public Task<long> CountExpiredAsync(RetentionSelection selection, CancellationToken ct)
    {
        var p = new Parameters();
        return ScalarAsync($"SELECT count(*) FROM {Sql.Table(selection.Dataset)} WHERE {Expired(selection, p)}", p.Values, ct);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> SelectExpiredKeysAsync(RetentionSelection selection, int limit, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var (sql, parameters) = await NextBatchAsync(connection, selection, limit, ct).ConfigureAwait(false);
        var batch = new PendingBatch();
        await using var command = Command(connection, sql, parameters);
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                batch.Add(reader, selection.Dataset);
            }
        }

        await RememberBatchAsync(connection, selection, batch, ct).ConfigureAwait(false);
        return batch.Keys;
    }

    /// <inheritdoc />
    public async Task<long> ExportAsync(DatasetModel dataset, IReadOnlyList<string> keys, string format, string localPath, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var columns = await PostgresArchiveWriter.ColumnsAsync(connection, dataset, ct).ConfigureAwait(false);
        var select = $"SELECT {string.Join(", ", columns.Select(c => c.Select))}";
        var order = $"ORDER BY {KeyList(dataset, "t.")}";
        if (SelectedRange(dataset, keys) is { } range)
        {
            // The range is vetted row by row as it streams (each key must be one of the batch's, and all of them must come);
            // any other row abandons the file and the export is redone with the exact key list.
            var expected = new HashSet<string>(keys, StringComparer.Ordinal);
            var keyIndex = columns.Count;
            var sql = $"{select}, {KeyTexts(dataset, "t.", "policylang_key")} FROM {Sql.Table(dataset)} AS t WHERE {range.Filter} {order}";
            try
            {
                long rows;
                await using (var command = Command(connection, sql, range.Parameters))
                await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
                {
                    rows = await PostgresArchiveWriter.WriteAsync(reader, columns, format, localPath, r => expected.Remove(ReadKey(r, keyIndex, dataset)), ct, RowGroupBytes).ConfigureAwait(false);
                }

                if (rows == keys.Count && expected.Count == 0)
                {
                    CountRange();
                    return rows;
                }
            }
            catch (PostgresArchiveWriter.RowRejectedException)
            {
                // Fall through to the exact key list.
            }

            File.Delete(localPath);
        }

        var p = new Parameters();
        var filter = await KeyMatchAsync(connection, dataset, keys, p, ct).ConfigureAwait(false);
        await using var exact = Command(connection, $"{select} FROM {Sql.Table(dataset)} AS t WHERE {filter} {order}", p.Values);
        await using var exactReader = await exact.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await PostgresArchiveWriter.WriteAsync(exactReader, columns, format, localPath, null, ct, RowGroupBytes).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<long> DeleteAsync(DatasetModel dataset, IReadOnlyList<string> keys, Func<ValueTask>? beforeCommit, CancellationToken ct) =>
        InTransactionAsync(dataset, filter => $"DELETE FROM {Sql.Table(dataset)} WHERE {filter} RETURNING {KeyTexts(dataset, "", null)}", keys, beforeCommit, ct);

    /// <inheritdoc />
    public Task<long> AnonymizeAsync(DatasetModel dataset, IReadOnlyList<string> keys, IReadOnlyList<string> columns, Func<ValueTask>? beforeCommit, CancellationToken ct)
    {
        if (columns.Count == 0)
        {
            throw new RunException($"dataset '{dataset.Name}': anonymize names no columns");
        }

        var set = string.Join(", ", columns.Select(c => $"{Sql.Id(c)} = NULL"));
        // Rows already anonymized are left alone: a recovered batch whose update had committed changes and counts nothing
        // (the range then returns fewer keys than the batch's, so the exact key list is used).
        return InTransactionAsync(dataset, filter => $"UPDATE {Sql.Table(dataset)} SET {set} WHERE {filter} AND {SqlText.AnyNotNull(columns, Sql.Id)} RETURNING {KeyTexts(dataset, "", null)}",
            keys, beforeCommit, ct);
    }

    private async Task<long> InTransactionAsync(DatasetModel dataset, Func<string, string> statement, IReadOnlyList<string> keys,
        Func<ValueTask>? beforeCommit, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var session = connection.ProcessID;
        try
        {
            return await InTransactionAsync(connection, dataset, statement, keys, beforeCommit, ct).ConfigureAwait(false);
        }
        catch
        {
            await EndIfBrokenAsync(connection, session).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<long> InTransactionAsync(NpgsqlConnection connection, DatasetModel dataset, Func<string, string> statement,
        IReadOnlyList<string> keys, Func<ValueTask>? beforeCommit, CancellationToken ct)
    {
        if (SelectedRange(dataset, keys) is { } range)
        {
            // The range names the selected batch as long as nobody added or removed expired rows since the selection:
            // the returned keys prove it, and if they differ the change is rolled back and the exact key list is used instead.
            await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            var touched = await TextsAsync(connection, tx, statement(range.Filter), range.Parameters, ct).ConfigureAwait(false);
            if (SameKeys(touched, keys, dataset))
            {
                CountRange();
                if (beforeCommit is not null)
                {
                    await beforeCommit().ConfigureAwait(false);
                }

                await tx.CommitAsync(ct).ConfigureAwait(false);
                return touched.Count;
            }

            await tx.RollbackAsync(ct).ConfigureAwait(false);
        }

        var p = new Parameters();
        var keyFilter = await KeyMatchAsync(connection, dataset, keys, p, ct).ConfigureAwait(false);
        await using var exact = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var affected = (await TextsAsync(connection, exact, statement(keyFilter), p.Values, ct).ConfigureAwait(false)).Count;
        if (beforeCommit is not null)
        {
            await beforeCommit().ConfigureAwait(false);
        }

        await exact.CommitAsync(ct).ConfigureAwait(false);
        return affected;
    }

    private static string Expired(RetentionSelection selection, Parameters p)
    {
        var by = selection.Retention.ByColumn
            ?? throw new RunException($"dataset '{selection.Dataset.Name}': retention by last-modified applies to object stores, not postgres tables");
        return SqlText.StillToProcess(selection.Retention, $"{Sql.Id(by)} < {p.Add(selection.Cutoff)}", Sql.Id);
    }

    private sealed class RetentionLock(NpgsqlConnection connection, Action forget) : IAsyncDisposable
    {
        private int disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 1)
            {
                return;
            }

            forget();
            // Closing returns the connection to the pool without ending the session, so unlock explicitly.
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
