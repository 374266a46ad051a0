using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Stores;

/// <summary>
/// A retention source that deletes a batch and writes its rows to the archive file in one statement, inside a transaction
/// that stays open until the protocol has stored and verified the archive: each row is read once, and the delete is still
/// invisible (and rolled back by a crash) until then, so the protocol's invariant holds as with separate steps.
/// The protocol uses it for <c>archive ... then delete</c>; anonymize keeps the separate steps.
/// </summary>
public interface IArchivingDeleteSource : IRetentionSource
{
    /// <summary>
    /// Deletes, uncommitted, the rows <see cref="IRetentionSource.SelectExpiredKeysAsync"/> would select (up to
    /// <paramref name="limit"/>, past the cutoff, oldest first, then by key) and writes them in that order to the local file
    /// <paramref name="localPath"/> (parquet | jsonl). Returns null, with nothing changed, when no expired rows are left.
    /// </summary>
    /// <exception cref="RunException">The batch holds a key twice (the key is not unique); nothing is deleted.</exception>
    Task<IPendingDelete?> DeleteNextAsync(RetentionSelection selection, int limit, string format, string localPath, CancellationToken ct);
}

/// <summary>
/// A deleted batch whose transaction is still open. Disposing it without <see cref="CommitAsync"/> rolls the delete back;
/// disposing twice is harmless. The protocol may hold two at once (the next batch is deleted while this one is archived).
/// </summary>
public interface IPendingDelete : IAsyncDisposable
{
    /// <summary>The deleted rows' keys, in the order they were written to the archive file.</summary>
    IReadOnlyList<string> Keys { get; }

    /// <summary>Runs <paramref name="beforeCommit"/> inside the transaction (fault injection), then commits; returns the rows deleted.</summary>
    Task<long> CommitAsync(Func<ValueTask>? beforeCommit, CancellationToken ct);
}
