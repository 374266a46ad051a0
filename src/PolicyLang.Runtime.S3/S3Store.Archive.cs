using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.S3;

// The archive side: objects, manifests and completion markers. The protocol's order (put → verify → delete → mark complete)
// lives in RetentionProtocol. Nothing is rewritten in place (IArchiveStore): only a damaged manifest or marker is written again.
public sealed partial class S3Store
{
    private const string ManifestSuffix = ".manifest.json";

    /// <summary>User metadata on every data object: its SHA-256 (hex), the checksum S3 should report for it, and the SHA-256 of its sorted keys.</summary>
    internal const string Sha256Metadata = "x-amz-meta-policylang-sha256";
    internal const string ChecksumMetadata = "x-amz-meta-policylang-checksum";
    internal const string KeysMetadata = "x-amz-meta-policylang-keys-sha256";

    /// <summary>The key of the data object of <paramref name="manifest"/>: <c>&lt;policy&gt;/&lt;dataset&gt;/&lt;cutoff&gt;/&lt;batch&gt;.parquet</c>.</summary>
    public static string DataKey(ArchiveManifest manifest) => $"{manifest.Location}.{manifest.Extension}";

    /// <summary>The key of the manifest at <paramref name="location"/>.</summary>
    public static string ManifestKey(ArchiveLocation location) => $"{location}{ManifestSuffix}";

    private static string MarkerKey(ArchiveLocation location) => $"{location}{ArchiveMarker.Suffix}";

    /// <inheritdoc />
    public async Task<ArchiveManifest?> FindAsync(ArchiveLocation location, CancellationToken ct)
    {
        var key = ManifestKey(location);
        if (await ReadTextAsync(key, ct).ConfigureAwait(false) is not { } json)
        {
            return null;
        }

        var manifest = ArchiveManifest.TryFromJson(json, location)
            ?? throw new RunException($"store '{Model.Name}': the archive manifest '{key}' in bucket '{settings.Bucket}' is damaged, so nothing of its batch was deleted; the next run rebuilds it from its data object");
        if (manifest.CompletedAt is not null)
        {
            return manifest;
        }

        return await ReadTextAsync(MarkerKey(location), ct).ConfigureAwait(false) is { } marker
            ? manifest with { CompletedAt = ArchiveMarker.CompletedAt(marker, manifest) }
            : manifest;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads only the manifests of batches without a whole <c>.done</c> marker (a marker has one fixed size, so the listing tells),
    /// so a run costs one listing plus the interrupted batches, not one GET per batch ever archived.
    /// </remarks>
    public async Task<IReadOnlyList<IncompleteBatch>> ListIncompleteAsync(string policy, string dataset, CancellationToken ct)
    {
        var found = new List<(IncompleteBatch Batch, DateTimeOffset Created)>();
        await foreach (var group in BatchGroupsAsync($"{policy}/{dataset}/", ct).ConfigureAwait(false))
        {
            if (group.Objects.Any(o => o.Key.EndsWith(ArchiveMarker.Suffix, StringComparison.Ordinal) && o.Size == ArchiveMarker.Length))
            {
                continue;
            }

            var manifestKey = group.Objects.FirstOrDefault(o => o.Key.EndsWith(ManifestSuffix, StringComparison.Ordinal))?.Key;
            if (manifestKey is null)
            {
                continue;
            }

            var location = ArchiveLocation.Parse(group.Base);
            var manifest = await ReadTextAsync(manifestKey, ct).ConfigureAwait(false) is { } json ? ArchiveManifest.TryFromJson(json, location) : null;
            if (manifest is not null && manifest.CompletedAt is null)
            {
                found.Add((new IncompleteBatch(location, manifest.Format, manifest), manifest.CreatedAt));
            }
            else if (manifest is null && DataFormat(group) is { } format)
            {
                found.Add((new IncompleteBatch(location, format, null), DateTimeOffset.MinValue));
            }
        }

        return found.OrderBy(b => b.Created).ThenBy(b => b.Batch.Location.ToString(), StringComparer.Ordinal).Select(b => b.Batch).ToList();
    }

    /// <inheritdoc />
    public async Task<int> CleanupAsync(string policy, string dataset, CancellationToken ct)
    {
        var prefix = $"{policy}/{dataset}/";
        var removed = await AbortUploadsAsync(prefix, ct).ConfigureAwait(false);
        await foreach (var group in BatchGroupsAsync(prefix, ct).ConfigureAwait(false))
        {
            var manifestKey = group.Objects.FirstOrDefault(o => o.Key.EndsWith(ManifestSuffix, StringComparison.Ordinal))?.Key;
            // A data object without its manifest is an interrupted write: the manifest is always written last. A damaged manifest
            // without a data object is one too: its batch never reached a delete.
            var leftover = manifestKey is null
                || (DataFormat(group) is null && await ReadTextAsync(manifestKey, ct).ConfigureAwait(false) is var json
                    && (json is null || ArchiveManifest.TryFromJson(json, ArchiveLocation.Parse(group.Base)) is null));
            if (!leftover)
            {
                continue;
            }

            foreach (var item in group.Objects)
            {
                await CallAsync("DeleteObject", item.Key, t => client.DeleteObjectAsync(settings.Bucket, item.Key, t), ct).ConfigureAwait(false);
                removed++;
            }
        }

        return removed;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ArchiveLocation>> ListBatchesAsync(string policy, string dataset, DateTimeOffset cutoffAtOrBefore, CancellationToken ct)
    {
        var found = new List<ArchiveLocation>();
        await foreach (var group in BatchGroupsAsync($"{policy}/{dataset}/", ct).ConfigureAwait(false))
        {
            var parts = group.Base.Split('/');
            if (parts.Length < 4 || !ArchiveExpiry.TryParseCutoff(parts[^2], out var cutoff) || cutoff > cutoffAtOrBefore)
            {
                continue;
            }

            found.Add(ArchiveLocation.Parse(group.Base));
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ExpireAsync(ArchiveLocation location, CancellationToken ct)
    {
        var batch = location.ToString();
        // INVARIANT: data object first, marker last (IArchiveStore.ExpireAsync); deleting a missing key succeeds.
        foreach (var key in new[] { $"{batch}.parquet", $"{batch}.jsonl", ManifestKey(location), MarkerKey(location) })
        {
            await CallAsync("DeleteObject", key, t => client.DeleteObjectAsync(settings.Bucket, key, t), ct).ConfigureAwait(false);
        }

        var left = new List<string>();
        await foreach (var item in ListAsync(batch + ".", ct).ConfigureAwait(false))
        {
            left.Add(item.Key);
        }

        return left;
    }

    private static string? DataFormat((string Base, List<S3Object> Objects) group) =>
        group.Objects.Select(o => o.Key[group.Base.Length..]).FirstOrDefault(s => s is ".parquet" or ".jsonl")?[1..];

    /// <summary>
    /// The objects under <paramref name="prefix"/> grouped by batch (with the batch's path). A batch's objects share "&lt;batch&gt;." and
    /// batch names have one length, so they are adjacent in the key-ordered listing: one group in memory at a time.
    /// </summary>
    private async IAsyncEnumerable<(string Base, List<S3Object> Objects)> BatchGroupsAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        var group = new List<S3Object>();
        string? groupBase = null;
        await foreach (var item in ListAsync(prefix, ct).ConfigureAwait(false))
        {
            var name = item.Key[(item.Key.LastIndexOf('/') + 1)..];
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            var itemBase = item.Key[..(item.Key.Length - name.Length + (dot < 0 ? name.Length : dot))];
            if (itemBase != groupBase && group.Count > 0)
            {
                yield return (groupBase!, group);
                group = [];
            }

            groupBase = itemBase;
            group.Add(item);
        }

        if (group.Count > 0)
        {
            yield return (groupBase!, group);
        }
    }

    /// <inheritdoc />
    public async Task PutAsync(ArchiveManifest manifest, string localFile, CancellationToken ct)
    {
        var key = DataKey(manifest);
        var length = new FileInfo(localFile).Length;
        if (length <= options.PartSize)
        {
            // Sent, not computed by the SDK: AWS rejects the PUT when the bytes it received do not hash to this.
            var checksum = ObjectChecksum.FromHex(manifest.Sha256);
            await CallAsync("PutObject", key, t =>
            {
                var request = new PutObjectRequest
                {
                    BucketName = settings.Bucket, Key = key, FilePath = localFile, ContentType = ContentType(manifest.Format), ChecksumSHA256 = checksum,
                };
                Protect(request, archiveClass: true);
                Describe(request.Metadata, manifest, checksum);
                return client.PutObjectAsync(request, t);
            }, ct).ConfigureAwait(false);
        }
        else
        {
            await PutMultipartAsync(manifest, key, localFile, ct).ConfigureAwait(false);
        }

        await PutTextAsync(ManifestKey(manifest.Location), manifest.ToJson(), "application/json", ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>A PUT over the damaged object: on a server that does not write atomically an interrupted one leaves it damaged, to be rebuilt again.</remarks>
    public Task ReplaceManifestAsync(ArchiveManifest manifest, CancellationToken ct) =>
        PutTextAsync(ManifestKey(manifest.Location), manifest.ToJson(), "application/json", ct);

    /// <inheritdoc />
    /// <remarks>
    /// The marker is a new object beside the manifest, which is never rewritten; its fixed size lets <see cref="ListIncompleteAsync"/>
    /// skip the batch from the listing alone. A damaged marker (a PUT cut short) is simply written again.
    /// </remarks>
    public Task MarkCompleteAsync(ArchiveManifest manifest, CancellationToken ct) =>
        PutTextAsync(MarkerKey(manifest.Location), ArchiveMarker.Text(manifest), "application/json", ct);

    /// <inheritdoc />
    public async Task<StoredObject?> DownloadAsync(IncompleteBatch batch, string localFile, CancellationToken ct)
    {
        var key = $"{batch.Location}.{batch.Format}";
        try
        {
            return await CallAsync("GetObject", key, async attempt =>
            {
                using var response = await client.GetObjectAsync(settings.Bucket, key, attempt.Token).ConfigureAwait(false);
                await using var file = new FileStream(localFile, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
                await CopyAsync(response.ResponseStream, file, null, attempt).ConfigureAwait(false);
                return new StoredObject(response.Metadata[Sha256Metadata], response.Metadata[KeysMetadata]);
            }, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsNotFound(ex))
        {
            return null;
        }
    }

    /// <summary>Copies a response body, restarting the attempt's timeout as bytes arrive (a stall, not a long transfer, times out).</summary>
    internal static async Task CopyAsync(Stream from, Stream to, IncrementalHash? hash, RemoteAttempt attempt)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await from.ReadAsync(buffer, attempt.Token).ConfigureAwait(false)) > 0)
        {
            attempt.Progressed();
            hash?.AppendData(buffer, 0, read);
            await to.WriteAsync(buffer.AsMemory(0, read), attempt.Token).ConfigureAwait(false);
        }
    }

    private async Task PutTextAsync(string key, string text, string contentType, CancellationToken ct)
    {
        var checksum = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        await CallAsync("PutObject", key, t =>
        {
            var request = new PutObjectRequest { BucketName = settings.Bucket, Key = key, ContentBody = text, ContentType = contentType, ChecksumSHA256 = checksum };
            // Manifests and markers stay in the bucket's default class: the runner must read them without a Glacier restore.
            Protect(request, archiveClass: false);
            return client.PutObjectAsync(request, t);
        }, ct).ConfigureAwait(false);
    }

    internal static void Describe(MetadataCollection metadata, ArchiveManifest manifest, string checksum)
    {
        metadata.Add(Sha256Metadata, manifest.Sha256);
        metadata.Add(ChecksumMetadata, checksum);
        metadata.Add(KeysMetadata, ArchiveManifest.HashSortedKeys(manifest.Keys));
    }

    internal static string ContentType(string format) => format == "jsonl" ? "application/x-ndjson" : "application/vnd.apache.parquet";

    /// <summary>The text of <paramref name="key"/>, or null when there is no such object.</summary>
    private async Task<string?> ReadTextAsync(string key, CancellationToken ct)
    {
        try
        {
            return await CallAsync("GetObject", key, async attempt =>
            {
                using var response = await client.GetObjectAsync(settings.Bucket, key, attempt.Token).ConfigureAwait(false);
                using var text = new MemoryStream();
                await CopyAsync(response.ResponseStream, text, null, attempt).ConfigureAwait(false);
                return Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length);
            }, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsNotFound(ex))
        {
            return null;
        }
    }

    private async Task<int> AbortUploadsAsync(string prefix, CancellationToken ct)
    {
        ListMultipartUploadsResponse uploads;
        try
        {
            uploads = await RemoteCall.RunAsync(t => client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = settings.Bucket, Prefix = prefix }, t),
                S3Client.IsTransient, limits, budget, ct).ConfigureAwait(false);
        }
        catch (AmazonServiceException)
        {
            // Not transient (RemoteCall rethrows those as they are): the server refuses the request.
            // Some S3-compatible servers do not list uploads; an unfinished upload is invisible and only costs storage until the bucket's abort rule.
            return 0;
        }
        catch (Exception ex) when (IsS3Failure(ex, ct))
        {
            throw Failure("ListMultipartUploads", prefix, ex);
        }

        var aborted = 0;
        foreach (var upload in uploads.MultipartUploads ?? [])
        {
            await CallAsync("AbortMultipartUpload", upload.Key,
                t => client.AbortMultipartUploadAsync(settings.Bucket, upload.Key, upload.UploadId, t), ct).ConfigureAwait(false);
            aborted++;
        }

        return aborted;
    }
}
