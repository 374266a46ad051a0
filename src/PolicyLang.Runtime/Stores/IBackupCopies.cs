namespace PolicyLang.Runtime.Stores;

/// <summary>A store that holds backup copies as objects under a prefix (s3, folder), listed for a backup's evidence checks.</summary>
public interface IBackupCopies : IStore
{
    /// <summary>Every object under <paramref name="prefix"/> with its last-modified time, in no particular order.</summary>
    Task<IReadOnlyList<StoredCopy>> ListCopiesAsync(string prefix, CancellationToken ct);
}

/// <summary>One backup copy: its key (relative to the store) and when it was last written.</summary>
public sealed record StoredCopy(string Key, DateTimeOffset LastModified);

/// <summary>
/// A database store in whose table (collection) a backup tool records each copy it makes, one row per copy (postgres, duckdb,
/// mongodb), summarized by the engine for a backup's evidence checks.
/// </summary>
public interface IBackupRecords : IStore
{
    /// <summary>
    /// How many rows of <paramref name="table"/> have a time in <paramref name="timeColumn"/>, and the oldest and newest of those
    /// times, computed in one query by the engine. A time without a zone is read as UTC.
    /// </summary>
    Task<CopySpan> SummarizeBackupRecordsAsync(string table, string timeColumn, CancellationToken ct);
}

/// <summary>The copies found: how many, and when the oldest and the newest were made (null when there are none).</summary>
public sealed record CopySpan(long Count, DateTimeOffset? Oldest, DateTimeOffset? Newest)
{
    /// <summary>The span of the listed objects <paramref name="copies"/>.</summary>
    public static CopySpan Of(IReadOnlyList<StoredCopy> copies) => copies.Count == 0
        ? new CopySpan(0, null, null)
        : new CopySpan(copies.Count, copies.Min(c => c.LastModified), copies.Max(c => c.LastModified));
}
