using PolicyLang.Runtime.Retention;

namespace PolicyLang.Runtime.Stores;

/// <summary>A store that keeps archive objects with their manifests (folder; later s3).</summary>
public interface IArchiveStore : IStore
{
    /// <summary>The manifest stored under <paramref name="location"/>, or null.</summary>
    Task<ArchiveManifest?> FindAsync(ArchiveLocation location, CancellationToken ct);

    /// <summary>Manifests of <paramref name="policy"/>/<paramref name="dataset"/> whose delete is not yet recorded complete, oldest first.</summary>
    Task<IReadOnlyList<ArchiveManifest>> ListIncompleteAsync(string policy, string dataset, CancellationToken ct);

    /// <summary>Removes leftovers of interrupted writes (temp files, data objects without a manifest). Returns how many.</summary>
    Task<int> CleanupAsync(string policy, string dataset, CancellationToken ct);

    /// <summary>
    /// Stores <paramref name="localFile"/> as the data object and then <paramref name="manifest"/>; the manifest is written last
    /// so its presence means the data object is complete.
    /// </summary>
    Task PutAsync(ArchiveManifest manifest, string localFile, CancellationToken ct);

    /// <summary>Reads the stored object back and checks its SHA-256 and row count against <paramref name="manifest"/>.</summary>
    Task<ArchiveVerification> VerifyAsync(ArchiveManifest manifest, CancellationToken ct);

    /// <summary>Records that the source rows of <paramref name="manifest"/> are deleted (or anonymized).</summary>
    Task MarkCompleteAsync(ArchiveManifest manifest, CancellationToken ct);
}

/// <summary>The outcome of reading an archive object back.</summary>
public sealed record ArchiveVerification(bool Ok, string Sha256, long RowCount, string? Problem);
