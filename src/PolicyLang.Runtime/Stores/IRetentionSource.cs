using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Stores;

/// <summary>
/// The steps a data store provides to the retention protocol. The order (select → archive → verify → delete → record)
/// lives once in <see cref="Retention.RetentionProtocol"/>; a store never decides it.
/// Keys are exchanged as invariant strings so every store and the manifest agree on them.
/// </summary>
public interface IRetentionSource : IStore
{
    /// <summary>How many rows are past the cutoff and still to be processed (for dry runs and progress).</summary>
    Task<long> CountExpiredAsync(RetentionSelection selection, CancellationToken ct);

    /// <summary>The keys of up to <paramref name="limit"/> rows past the cutoff and still to be processed, oldest first (then by key).</summary>
    Task<IReadOnlyList<string>> SelectExpiredKeysAsync(RetentionSelection selection, int limit, CancellationToken ct);

    /// <summary>Writes exactly the rows with <paramref name="keys"/> to the local file <paramref name="localPath"/> (parquet | jsonl), ordered by key; returns the row count.</summary>
    Task<long> ExportAsync(DatasetModel dataset, IReadOnlyList<string> keys, string format, string localPath, CancellationToken ct);

    /// <summary>Deletes exactly the rows with <paramref name="keys"/> in one transaction; <paramref name="beforeCommit"/> runs inside it (fault injection). Returns rows deleted.</summary>
    Task<long> DeleteAsync(DatasetModel dataset, IReadOnlyList<string> keys, Func<ValueTask>? beforeCommit, CancellationToken ct);

    /// <summary>
    /// Takes this store's exclusive retention lock on <paramref name="dataset"/> until the returned handle is disposed, so two
    /// concurrent runs never process the same dataset (a database store uses an advisory lock released if the process dies).
    /// The default takes no lock (single-writer stores such as an embedded file). Returns null when there is nothing to release.
    /// </summary>
    Task<IAsyncDisposable?> LockRetentionAsync(DatasetModel dataset, CancellationToken ct) => Task.FromResult<IAsyncDisposable?>(null);

    /// <summary>Sets <paramref name="columns"/> to null on exactly the rows with <paramref name="keys"/> in one transaction. Returns rows updated.</summary>
    Task<long> AnonymizeAsync(DatasetModel dataset, IReadOnlyList<string> keys, IReadOnlyList<string> columns, Func<ValueTask>? beforeCommit, CancellationToken ct);
}

/// <summary>Which rows retention selects: rows of <paramref name="Dataset"/> whose retention column is older than <paramref name="Cutoff"/> (for anonymize: and not yet anonymized).</summary>
public sealed record RetentionSelection(DatasetModel Dataset, RetentionModel Retention, DateTimeOffset Cutoff);
