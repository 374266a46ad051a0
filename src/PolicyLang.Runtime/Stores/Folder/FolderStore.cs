using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Retention;

namespace PolicyLang.Runtime.Stores.Folder;

/// <summary>
/// Archives under <c>&lt;path&gt;/&lt;policy&gt;/&lt;dataset&gt;/&lt;cutoff&gt;/&lt;batch&gt;.parquet</c> with <c>&lt;batch&gt;.manifest.json</c>.
/// Every file is written to a temp name, flushed to disk and renamed, so a reader never sees half a file;
/// the manifest is renamed last, so a data object without a manifest is an interrupted write (removed by <see cref="CleanupAsync"/>).
/// </summary>
public sealed partial class FolderStore : IArchiveStore, IAuditStore, IBackupCopies
{
    private const string ManifestSuffix = ".manifest.json";
    private const string TempMarker = ".tmp-";

    private readonly IReadOnlyList<string> previousPolicyNames;

    /// <summary>Opens the folder at <paramref name="root"/> (created on first write).</summary>
    /// <param name="model">The store.</param>
    /// <param name="root">The absolute folder.</param>
    /// <param name="previousPolicyNames">Names the policy had before (<see cref="PolicyModel.PreviousNames"/>): an audit trail written under one is continued in place.</param>
    public FolderStore(StoreModel model, string root, IReadOnlyList<string>? previousPolicyNames = null)
    {
        Model = model;
        Root = root;
        this.previousPolicyNames = previousPolicyNames ?? [];
    }

    /// <inheritdoc />
    public StoreModel Model { get; }

    /// <summary>The absolute folder.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredCopy>> ListCopiesAsync(string prefix, CancellationToken ct) => Task.FromResult(FolderBackupCopies.List(Root, prefix));

    /// <summary>The absolute path of the data object of <paramref name="manifest"/>.</summary>
    public string DataPath(ArchiveManifest manifest) => Base(manifest.Location) + "." + manifest.Extension;

    /// <summary>
    /// The manifest in the file <paramref name="manifestPath"/> as the runner sees it: <see cref="ArchiveManifest.CompletedAt"/> comes from the
    /// batch's marker beside it (or, for archives written before markers held it, from the manifest itself).
    /// </summary>
    public static ArchiveManifest ReadManifest(string manifestPath)
    {
        var manifest = ArchiveManifest.FromJson(File.ReadAllText(manifestPath));
        var marker = manifestPath[..^ManifestSuffix.Length] + ArchiveMarker.Suffix;
        return manifest.CompletedAt is null && File.Exists(marker)
            ? manifest with { CompletedAt = ArchiveMarker.CompletedAt(File.ReadAllText(marker), manifest) }
            : manifest;
    }

    /// <inheritdoc />
    public async Task<ArchiveManifest?> FindAsync(ArchiveLocation location, CancellationToken ct)
    {
        var path = Base(location) + ManifestSuffix;
        if (!File.Exists(path))
        {
            return null;
        }

        var manifest = ArchiveManifest.TryFromJson(await File.ReadAllTextAsync(path, ct).ConfigureAwait(false), location)
            ?? throw new RunException($"the archive manifest '{path}' is damaged, so nothing of its batch was deleted; the next run rebuilds it from its data object");
        var marker = Base(location) + ArchiveMarker.Suffix;
        return manifest.CompletedAt is null && File.Exists(marker)
            ? manifest with { CompletedAt = ArchiveMarker.CompletedAt(await File.ReadAllTextAsync(marker, ct).ConfigureAwait(false), manifest) }
            : manifest;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IncompleteBatch>> ListIncompleteAsync(string policy, string dataset, CancellationToken ct)
    {
        var dir = DatasetDir(policy, dataset);
        if (!Directory.Exists(dir))
        {
            return [];
        }

        var found = new List<(IncompleteBatch Batch, DateTimeOffset Created)>();
        foreach (var file in Directory.EnumerateFiles(dir, "*" + ManifestSuffix, SearchOption.AllDirectories))
        {
            var basePath = file[..^ManifestSuffix.Length];
            // A whole marker has one fixed length: an empty or cut-short one leaves the batch incomplete, to be finished again.
            var marker = new FileInfo(basePath + ArchiveMarker.Suffix);
            if (marker.Exists && marker.Length == ArchiveMarker.Length)
            {
                continue;
            }

            var location = ArchiveLocation.Parse(Path.GetRelativePath(Root, basePath).Replace(Path.DirectorySeparatorChar, '/'));
            var manifest = ArchiveManifest.TryFromJson(await File.ReadAllTextAsync(file, ct).ConfigureAwait(false), location);
            if (manifest is not null && manifest.CompletedAt is null)
            {
                found.Add((new IncompleteBatch(location, manifest.Format, manifest), manifest.CreatedAt));
            }
            else if (manifest is null && DataFormat(basePath) is { } format)
            {
                found.Add((new IncompleteBatch(location, format, null), DateTimeOffset.MinValue));
            }
        }

        return found.OrderBy(b => b.Created).ThenBy(b => b.Batch.Location.ToString(), StringComparer.Ordinal).Select(b => b.Batch).ToList();
    }

    /// <inheritdoc />
    public async Task<int> CleanupAsync(string policy, string dataset, CancellationToken ct)
    {
        var dir = DatasetDir(policy, dataset);
        if (!Directory.Exists(dir))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).ToList())
        {
            var name = Path.GetFileName(file);
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0)
            {
                continue;
            }

            var basePath = Path.Combine(Path.GetDirectoryName(file)!, name[..dot]);
            var leftover = name.Contains(TempMarker, StringComparison.Ordinal)
                // A data object without its manifest is an interrupted write: the manifest is always written last.
                || (DataFormat(basePath) is { } format && name.EndsWith("." + format, StringComparison.Ordinal) && !File.Exists(basePath + ManifestSuffix))
                // A damaged manifest with no data object: the write that left it never reached a delete.
                || (name.EndsWith(ManifestSuffix, StringComparison.Ordinal) && DataFormat(basePath) is null
                    && ArchiveManifest.TryFromJson(await File.ReadAllTextAsync(file, ct).ConfigureAwait(false),
                        ArchiveLocation.Parse(Path.GetRelativePath(Root, basePath).Replace(Path.DirectorySeparatorChar, '/'))) is null);
            if (!leftover)
            {
                continue;
            }

            File.Delete(file);
            removed++;
        }

        return removed;
    }

    /// <inheritdoc />
    public async Task PutAsync(ArchiveManifest manifest, string localFile, CancellationToken ct)
    {
        var basePath = Base(manifest.Location);
        Directory.CreateDirectory(Path.GetDirectoryName(basePath)!);
        await using (var source = File.OpenRead(localFile))
        {
            await WriteAtomicallyAsync(basePath + "." + manifest.Extension, source, ct).ConfigureAwait(false);
        }

        await WriteManifestAsync(manifest, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ArchiveVerification> VerifyAsync(ArchiveManifest manifest, CancellationToken ct)
    {
        var path = DataPath(manifest);
        if (!File.Exists(path))
        {
            return new ArchiveVerification(false, "", 0, $"object '{path}' is missing");
        }

        var sha = await ArchiveManifest.Sha256OfFileAsync(path, ct).ConfigureAwait(false);
        if (sha != manifest.Sha256)
        {
            return new ArchiveVerification(false, sha, 0, $"sha256 {sha} differs from the manifest's {manifest.Sha256}");
        }

        long rows;
        try { rows = await ArchiveFiles.CountRowsAsync(path, manifest.Format, ct).ConfigureAwait(false); }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            return new ArchiveVerification(false, sha, 0, $"object '{path}' cannot be read back: {ex.Message}");
        }

        return rows == manifest.RowCount
            ? new ArchiveVerification(true, sha, rows, null)
            : new ArchiveVerification(false, sha, rows, $"{Plural.Of(rows, "row")}, the manifest says {Values.Count(manifest.RowCount)}");
    }

    /// <inheritdoc />
    public async Task<StoredObject?> DownloadAsync(IncompleteBatch batch, string localFile, CancellationToken ct)
    {
        var path = Base(batch.Location) + "." + batch.Format;
        if (!File.Exists(path))
        {
            return null;
        }

        await using (var source = File.OpenRead(path))
        await using (var target = File.Create(localFile))
        {
            await source.CopyToAsync(target, ct).ConfigureAwait(false);
        }
        // Files are renamed into place whole, so the folder records nothing beside the object itself.
        return new StoredObject(null, null);
    }

    /// <inheritdoc />
    /// <remarks>The rename replaces the damaged file in one step.</remarks>
    public Task ReplaceManifestAsync(ArchiveManifest manifest, CancellationToken ct) => WriteManifestAsync(manifest, ct);

    /// <inheritdoc />
    public async Task MarkCompleteAsync(ArchiveManifest manifest, CancellationToken ct)
    {
        using var text = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ArchiveMarker.Text(manifest)));
        await WriteAtomicallyAsync(Base(manifest.Location) + ArchiveMarker.Suffix, text, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ArchiveLocation>> ListBatchesAsync(string policy, string dataset, DateTimeOffset cutoffAtOrBefore, CancellationToken ct)
    {
        var dir = DatasetDir(policy, dataset);
        if (!Directory.Exists(dir))
        {
            return Task.FromResult<IReadOnlyList<ArchiveLocation>>([]);
        }

        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var cutoffDir in Directory.EnumerateDirectories(dir))
        {
            var label = Path.GetFileName(cutoffDir);
            if (!ArchiveExpiry.TryParseCutoff(label, out var cutoff) || cutoff > cutoffAtOrBefore)
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(cutoffDir))
            {
                var name = Path.GetFileName(file);
                var dot = name.IndexOf('.', StringComparison.Ordinal);
                if (dot > 0 && !name.Contains(TempMarker, StringComparison.Ordinal))
                {
                    found.Add($"{label}/{name[..dot]}");
                }
            }
        }

        return Task.FromResult<IReadOnlyList<ArchiveLocation>>([.. found.Select(f => ArchiveLocation.Parse($"{policy}/{dataset}/{f}"))]);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ExpireAsync(ArchiveLocation location, CancellationToken ct)
    {
        var basePath = Base(location);
        // INVARIANT: data object first, marker last (IArchiveStore.ExpireAsync).
        foreach (var suffix in new[] { ".parquet", ".jsonl", ManifestSuffix, ArchiveMarker.Suffix })
        {
            File.Delete(basePath + suffix);
        }

        var dir = Path.GetDirectoryName(basePath)!;
        var prefix = Path.GetFileName(basePath) + ".";
        IReadOnlyList<string> left = Directory.Exists(dir)
            ? [.. Directory.EnumerateFiles(dir, prefix + "*").Where(f => !f.Contains(TempMarker, StringComparison.Ordinal)).Select(Path.GetFileName).OfType<string>()]
            : [];
        if (left.Count == 0 && Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any())
        {
            Directory.Delete(dir);
        }

        return Task.FromResult(left);
    }

    /// <inheritdoc />
    public Task<IAuditSink> OpenAuditAsync(AuditModel audit, string policy, CancellationToken ct)
    {
        string Trail(string name) => Path.Combine(Root, Safe(name), Safe(audit.Table ?? "audit") + ".jsonl");
        // INVARIANT: one chain per trail. A trail begun under a previous name of the policy is continued there, not restarted.
        var file = Trail(policy);
        if (!File.Exists(file) && previousPolicyNames.Select(Trail).FirstOrDefault(File.Exists) is { } previous)
        {
            file = previous;
        }

        return Task.FromResult<IAuditSink>(new FolderAuditSink(file, policy, audit.TamperEvident));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task WriteManifestAsync(ArchiveManifest manifest, CancellationToken ct)
    {
        using var text = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(manifest.ToJson()));
        await WriteAtomicallyAsync(Base(manifest.Location) + ManifestSuffix, text, ct).ConfigureAwait(false);
    }

    private static async Task WriteAtomicallyAsync(string path, Stream content, CancellationToken ct)
    {
        var temp = path + TempMarker + Guid.NewGuid().ToString("N");
        await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            await content.CopyToAsync(target, ct).ConfigureAwait(false);
            target.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    private static string? DataFormat(string basePath) =>
        File.Exists(basePath + ".parquet") ? "parquet" : File.Exists(basePath + ".jsonl") ? "jsonl" : null;

    private string DatasetDir(string policy, string dataset) => Path.Combine(Root, Safe(policy), Safe(dataset));

    private string Base(ArchiveLocation l) => Path.Combine(DatasetDir(l.Policy, l.Dataset), Safe(l.Cutoff), Safe(l.Batch));

    // Names are identifier-safe by construction; this only guards against path tricks from a hand-built model.
    private static string Safe(string name)
    {
        var chars = name.Select(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_').ToArray();
        var safe = new string(chars).Trim('.');
        return safe.Length == 0 ? "_" : safe;
    }
}
