using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using PolicyLang.Runtime.Retention;

namespace PolicyLang.Runtime.S3;

// The archive side: objects and manifests. The protocol's order (put → verify → delete → mark complete) lives in RetentionProtocol.
public sealed partial class S3Store
{
    private const string ManifestSuffix = ".manifest.json";
    private const string DoneSuffix = ".done";

    /// <summary>User metadata on every data object: its SHA-256 (hex) and the checksum S3 should report for it.</summary>
    internal const string Sha256Metadata = "x-amz-meta-policylang-sha256";
    internal const string ChecksumMetadata = "x-amz-meta-policylang-checksum";

    /// <summary>The key of the data object of <paramref name="manifest"/>: <c>&lt;policy&gt;/&lt;dataset&gt;/&lt;cutoff&gt;/&lt;batch&gt;.parquet</c>.</summary>
    public static string DataKey(ArchiveManifest manifest) => $"{manifest.Location}.{manifest.Extension}";

    /// <summary>The key of the manifest at <paramref name="location"/>.</summary>
    public static string ManifestKey(ArchiveLocation location) => $"{location}{ManifestSuffix}";

    /// <inheritdoc />
    public async Task<ArchiveManifest?> FindAsync(ArchiveLocation location, CancellationToken ct)
    {
        var key = ManifestKey(location);
        try
        {
            return ArchiveManifest.FromJson(await ReadTextAsync(key, ct).ConfigureAwait(false));
        }
        catch (Exception ex) when (IsNotFound(ex))
        {
            return null;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads only the manifests of batches without a <c>.done</c> marker, so a run costs one listing plus the
    /// interrupted batches, not one GET per batch ever archived.
    /// </remarks>
    public async Task<IReadOnlyList<ArchiveManifest>> ListIncompleteAsync(string policy, string dataset, CancellationToken ct)
    {
        var found = new List<ArchiveManifest>();
        await foreach (var group in BatchGroupsAsync($"{policy}/{dataset}/", ct).ConfigureAwait(false))
        {
            if (group.Any(k => k.EndsWith(DoneSuffix, StringComparison.Ordinal))) continue;
            var manifestKey = group.FirstOrDefault(k => k.EndsWith(ManifestSuffix, StringComparison.Ordinal));
            if (manifestKey is null) continue;
            var manifest = ArchiveManifest.FromJson(await ReadTextAsync(manifestKey, ct).ConfigureAwait(false));
            if (manifest.CompletedAt is null) found.Add(manifest);
        }
        return found.OrderBy(m => m.CreatedAt).ToList();
    }

    /// <inheritdoc />
    public async Task<int> CleanupAsync(string policy, string dataset, CancellationToken ct)
    {
        var prefix = $"{policy}/{dataset}/";
        var removed = await AbortUploadsAsync(prefix, ct).ConfigureAwait(false);
        await foreach (var group in BatchGroupsAsync(prefix, ct).ConfigureAwait(false))
        {
            // A data object without its manifest is an interrupted write: the manifest is always written last.
            if (group.Any(k => k.EndsWith(ManifestSuffix, StringComparison.Ordinal))) continue;
            foreach (var key in group)
            {
                await CallAsync("DeleteObject", key, () => _client.DeleteObjectAsync(_settings.Bucket, key, ct), ct).ConfigureAwait(false);
                removed++;
            }
        }
        return removed;
    }

    /// <summary>
    /// The keys under <paramref name="prefix"/> grouped by batch. A batch's objects share "&lt;batch&gt;." and batch names have
    /// one length, so they are adjacent in the key-ordered listing: one group in memory at a time.
    /// </summary>
    private async IAsyncEnumerable<List<string>> BatchGroupsAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        var group = new List<string>();
        string? groupBase = null;
        await foreach (var item in ListAsync(prefix, ct).ConfigureAwait(false))
        {
            var name = item.Key[(item.Key.LastIndexOf('/') + 1)..];
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            var itemBase = item.Key[..(item.Key.Length - name.Length + (dot < 0 ? name.Length : dot))];
            if (itemBase != groupBase && group.Count > 0)
            {
                yield return group;
                group = [];
            }
            groupBase = itemBase;
            group.Add(item.Key);
        }
        if (group.Count > 0) yield return group;
    }

    /// <inheritdoc />
    public async Task PutAsync(ArchiveManifest manifest, string localFile, CancellationToken ct)
    {
        var key = DataKey(manifest);
        var length = new FileInfo(localFile).Length;
        if (length <= _options.PartSize)
        {
            var request = new PutObjectRequest
            {
                BucketName = _settings.Bucket, Key = key, FilePath = localFile, ContentType = ContentType(manifest.Format),
                // Sent, not computed by the SDK: AWS rejects the PUT when the bytes it received do not hash to this.
                ChecksumSHA256 = ObjectChecksum.FromHex(manifest.Sha256),
            };
            Protect(request, archiveClass: true);
            Describe(request.Metadata, manifest.Sha256, request.ChecksumSHA256);
            await CallAsync("PutObject", key, () => _client.PutObjectAsync(request, ct), ct).ConfigureAwait(false);
        }
        else
        {
            await PutMultipartAsync(manifest, key, localFile, ct).ConfigureAwait(false);
        }
        await PutManifestAsync(manifest, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Rewrites the manifest with its completion time, then adds an empty <c>&lt;batch&gt;.done</c> marker that lets
    /// <see cref="ListIncompleteAsync"/> skip the batch without reading its manifest. A crash between the two only costs one read.</remarks>
    public async Task MarkCompleteAsync(ArchiveManifest manifest, CancellationToken ct)
    {
        await PutManifestAsync(manifest, ct).ConfigureAwait(false);
        var key = $"{manifest.Location}{DoneSuffix}";
        var marker = new PutObjectRequest { BucketName = _settings.Bucket, Key = key, ContentBody = "" };
        Protect(marker, archiveClass: false);
        await CallAsync("PutObject", key, () => _client.PutObjectAsync(marker, ct), ct).ConfigureAwait(false);
    }

    private async Task PutManifestAsync(ArchiveManifest manifest, CancellationToken ct)
    {
        var key = ManifestKey(manifest.Location);
        var json = manifest.ToJson();
        var request = new PutObjectRequest
        {
            BucketName = _settings.Bucket, Key = key, ContentBody = json, ContentType = "application/json",
            ChecksumSHA256 = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(json))),
        };
        // Manifests stay in the bucket's default class: the runner must read them without a Glacier restore.
        Protect(request, archiveClass: false);
        await CallAsync("PutObject", key, () => _client.PutObjectAsync(request, ct), ct).ConfigureAwait(false);
    }

    internal static void Describe(MetadataCollection metadata, string sha256Hex, string checksum)
    {
        metadata.Add(Sha256Metadata, sha256Hex);
        metadata.Add(ChecksumMetadata, checksum);
    }

    internal static string ContentType(string format) => format == "jsonl" ? "application/x-ndjson" : "application/vnd.apache.parquet";

    private async Task<string> ReadTextAsync(string key, CancellationToken ct)
    {
        try
        {
            using var response = await _client.GetObjectAsync(_settings.Bucket, key, ct).ConfigureAwait(false);
            using var reader = new StreamReader(response.ResponseStream, Encoding.UTF8);
            return await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsS3Failure(ex, ct) && !IsNotFound(ex))
        {
            throw Failure("GetObject", key, ex);
        }
    }

    private async Task<int> AbortUploadsAsync(string prefix, CancellationToken ct)
    {
        ListMultipartUploadsResponse uploads;
        try
        {
            uploads = await _client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = _settings.Bucket, Prefix = prefix }, ct).ConfigureAwait(false);
        }
        catch (AmazonServiceException)
        {
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
                () => _client.AbortMultipartUploadAsync(_settings.Bucket, upload.Key, upload.UploadId, ct), ct).ConfigureAwait(false);
            aborted++;
        }
        return aborted;
    }
}
