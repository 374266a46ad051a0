using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Checks;

namespace PolicyLang.Runtime.Stores.Folder;

/// <summary>
/// Archives under <c>&lt;path&gt;/&lt;policy&gt;/&lt;dataset&gt;/&lt;cutoff&gt;/&lt;batch&gt;.parquet</c> with <c>&lt;batch&gt;.manifest.json</c>.
/// Every file is written to a temp name, flushed to disk and renamed, so a reader never sees half a file;
/// the manifest is renamed last, so a data object without a manifest is an interrupted write (removed by <see cref="CleanupAsync"/>).
/// </summary>
public sealed class FolderStore : IArchiveStore, IAuditStore
{
    private const string ManifestSuffix = ".manifest.json";
    private const string TempMarker = ".tmp-";
    // Written after the completed manifest so listing incomplete batches need not parse every manifest ever written.
    private const string DoneSuffix = ".done";

    private readonly IReadOnlyList<string> _previousPolicyNames;

    /// <summary>Opens the folder at <paramref name="root"/> (created on first write).</summary>
    /// <param name="model">The store.</param>
    /// <param name="root">The absolute folder.</param>
    /// <param name="previousPolicyNames">Names the policy had before (<see cref="PolicyModel.PreviousNames"/>): an audit trail written under one is continued in place.</param>
    public FolderStore(StoreModel model, string root, IReadOnlyList<string>? previousPolicyNames = null)
    {
        Model = model;
        Root = root;
        _previousPolicyNames = previousPolicyNames ?? [];
    }

    /// <inheritdoc />
    public StoreModel Model { get; }

    /// <summary>The absolute folder.</summary>
    public string Root { get; }

    /// <summary>The absolute path of the data object of <paramref name="manifest"/>.</summary>
    public string DataPath(ArchiveManifest manifest) => Base(manifest.Location) + "." + manifest.Extension;

    /// <inheritdoc />
    public async Task<ArchiveManifest?> FindAsync(ArchiveLocation location, CancellationToken ct)
    {
        var path = Base(location) + ManifestSuffix;
        return File.Exists(path) ? ArchiveManifest.FromJson(await File.ReadAllTextAsync(path, ct).ConfigureAwait(false)) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ArchiveManifest>> ListIncompleteAsync(string policy, string dataset, CancellationToken ct)
    {
        var dir = DatasetDir(policy, dataset);
        if (!Directory.Exists(dir)) return [];
        var found = new List<ArchiveManifest>();
        foreach (var file in Directory.EnumerateFiles(dir, "*" + ManifestSuffix, SearchOption.AllDirectories))
        {
            if (File.Exists(file[..^ManifestSuffix.Length] + DoneSuffix)) continue;
            var manifest = ArchiveManifest.FromJson(await File.ReadAllTextAsync(file, ct).ConfigureAwait(false));
            if (manifest.CompletedAt is null) found.Add(manifest);
        }
        return found.OrderBy(m => m.CreatedAt).ToList();
    }

    /// <inheritdoc />
    public Task<int> CleanupAsync(string policy, string dataset, CancellationToken ct)
    {
        var dir = DatasetDir(policy, dataset);
        if (!Directory.Exists(dir)) return Task.FromResult(0);
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).ToList())
        {
            var name = Path.GetFileName(file);
            var orphan = !name.EndsWith(ManifestSuffix, StringComparison.Ordinal) && !name.Contains(TempMarker, StringComparison.Ordinal)
                && !File.Exists(Path.Combine(Path.GetDirectoryName(file)!, Path.GetFileNameWithoutExtension(name) + ManifestSuffix));
            if (name.Contains(TempMarker, StringComparison.Ordinal) || orphan)
            {
                File.Delete(file);
                removed++;
            }
        }
        return Task.FromResult(removed);
    }

    /// <inheritdoc />
    public async Task PutAsync(ArchiveManifest manifest, string localFile, CancellationToken ct)
    {
        var basePath = Base(manifest.Location);
        Directory.CreateDirectory(Path.GetDirectoryName(basePath)!);
        await using (var source = File.OpenRead(localFile))
            await WriteAtomicallyAsync(basePath + "." + manifest.Extension, source, ct).ConfigureAwait(false);
        await WriteManifestAsync(manifest, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ArchiveVerification> VerifyAsync(ArchiveManifest manifest, CancellationToken ct)
    {
        var path = DataPath(manifest);
        if (!File.Exists(path)) return new ArchiveVerification(false, "", 0, $"object '{path}' is missing");
        var sha = await ArchiveManifest.Sha256OfFileAsync(path, ct).ConfigureAwait(false);
        if (sha != manifest.Sha256)
            return new ArchiveVerification(false, sha, 0, $"sha256 {sha} differs from the manifest's {manifest.Sha256}");
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
    public async Task MarkCompleteAsync(ArchiveManifest manifest, CancellationToken ct)
    {
        await WriteManifestAsync(manifest, ct).ConfigureAwait(false);
        await File.WriteAllBytesAsync(Base(manifest.Location) + DoneSuffix, [], ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IAuditSink> OpenAuditAsync(AuditModel audit, string policy, CancellationToken ct)
    {
        string Trail(string name) => Path.Combine(Root, Safe(name), Safe(audit.Table ?? "audit") + ".jsonl");
        // INVARIANT: one chain per trail. A trail begun under a previous name of the policy is continued there, not restarted.
        var file = Trail(policy);
        if (!File.Exists(file) && _previousPolicyNames.Select(Trail).FirstOrDefault(File.Exists) is { } previous) file = previous;
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
