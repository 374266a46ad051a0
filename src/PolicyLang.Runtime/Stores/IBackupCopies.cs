namespace PolicyLang.Runtime.Stores;

/// <summary>A store that holds backup copies as objects under a prefix (s3, folder), listed for a backup's evidence checks.</summary>
public interface IBackupCopies : IStore
{
    /// <summary>Every object under <paramref name="prefix"/> with its last-modified time, in no particular order.</summary>
    Task<IReadOnlyList<StoredCopy>> ListCopiesAsync(string prefix, CancellationToken ct);
}

/// <summary>One backup copy: its key (relative to the store) and when it was last written.</summary>
public sealed record StoredCopy(string Key, DateTimeOffset LastModified);
