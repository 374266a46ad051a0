using PolicyLang.Runtime.Retention;

namespace PolicyLang.Runtime.Stores;

/// <summary>
/// A store that keeps archive objects with their manifests (folder, s3).
/// INVARIANT: nothing is rewritten in place. A batch's data object and manifest are each written once; completion is a new
/// <c>&lt;batch&gt;.done</c> object (<see cref="ArchiveMarker"/>). Only an object found damaged (empty, cut short, unparsable) is
/// removed and written again, so an interrupted write at any step leaves something the next run recognises and finishes.
/// </summary>
public interface IArchiveStore : IStore
{
    /// <summary>
    /// The manifest stored under <paramref name="location"/> — with <see cref="ArchiveManifest.CompletedAt"/> when the batch's marker
    /// is whole — or null when there is none.
    /// </summary>
    /// <exception cref="RunException">The stored manifest is damaged (the next run's recovery rebuilds it).</exception>
    Task<ArchiveManifest?> FindAsync(ArchiveLocation location, CancellationToken ct);

    /// <summary>
    /// Batches of <paramref name="policy"/>/<paramref name="dataset"/> that have a manifest but no whole marker, oldest first; a batch whose
    /// manifest is damaged is listed with <see cref="IncompleteBatch.Manifest"/> null.
    /// </summary>
    Task<IReadOnlyList<IncompleteBatch>> ListIncompleteAsync(string policy, string dataset, CancellationToken ct);

    /// <summary>
    /// Removes leftovers of interrupted writes: temp files, data objects without a manifest, damaged manifests without a data object,
    /// unfinished uploads. Returns how many.
    /// </summary>
    Task<int> CleanupAsync(string policy, string dataset, CancellationToken ct);

    /// <summary>
    /// Stores <paramref name="localFile"/> as the data object and then <paramref name="manifest"/>; the manifest is written last
    /// so its presence means the data object is complete.
    /// </summary>
    Task PutAsync(ArchiveManifest manifest, string localFile, CancellationToken ct);

    /// <summary>Reads the stored object back and checks its SHA-256 and row count against <paramref name="manifest"/>.</summary>
    Task<ArchiveVerification> VerifyAsync(ArchiveManifest manifest, CancellationToken ct);

    /// <summary>
    /// Copies the data object of <paramref name="batch"/> to <paramref name="localFile"/> and returns what its upload recorded about it,
    /// or null when it is missing. Used to rebuild a damaged manifest.
    /// </summary>
    Task<StoredObject?> DownloadAsync(IncompleteBatch batch, string localFile, CancellationToken ct);

    /// <summary>Removes the damaged manifest at <paramref name="manifest"/>'s location and writes <paramref name="manifest"/> (rebuilt from its data object).</summary>
    Task ReplaceManifestAsync(ArchiveManifest manifest, CancellationToken ct);

    /// <summary>Writes the batch's marker (<see cref="ArchiveMarker"/>), removing a damaged one first; <paramref name="manifest"/> carries <see cref="ArchiveManifest.CompletedAt"/>.</summary>
    Task MarkCompleteAsync(ArchiveManifest manifest, CancellationToken ct);

    /// <summary>
    /// Every batch of <paramref name="policy"/>/<paramref name="dataset"/> with any object stored (data, manifest, marker) whose cutoff label is
    /// at or before <paramref name="cutoffAtOrBefore"/>, oldest first. Archive expiry reads each one's manifest before it deletes anything.
    /// </summary>
    Task<IReadOnlyList<ArchiveLocation>> ListBatchesAsync(string policy, string dataset, DateTimeOffset cutoffAtOrBefore, CancellationToken ct);

    /// <summary>
    /// Deletes the batch at <paramref name="location"/>: its data object, then its manifest, then its marker, so an expiry cut short leaves
    /// a complete batch (or a lone marker) that the next expiry finishes, never an incomplete batch for recovery to finish. Then lists the
    /// store again and returns the names of the batch's objects still there (empty when the batch is gone).
    /// </summary>
    Task<IReadOnlyList<string>> ExpireAsync(ArchiveLocation location, CancellationToken ct);
}

/// <summary>The outcome of reading an archive object back.</summary>
public sealed record ArchiveVerification(bool Ok, string Sha256, long RowCount, string? Problem);

/// <summary>A batch not yet recorded complete: its manifest, or null when the stored one is damaged (then <paramref name="Format"/> names its data object's).</summary>
public sealed record IncompleteBatch(ArchiveLocation Location, string Format, ArchiveManifest? Manifest);

/// <summary>What the upload of a data object recorded with it: its SHA-256 and the SHA-256 of its keys sorted ordinally (null where the store records nothing).</summary>
public sealed record StoredObject(string? Sha256, string? SortedKeysSha256);
