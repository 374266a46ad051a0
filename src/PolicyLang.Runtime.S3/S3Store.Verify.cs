using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Stores;
using PolicyLang.Runtime.Stores.Folder;

namespace PolicyLang.Runtime.S3;

// Verification before the source deletes. See docs/s3.md: the server-reported SHA-256 checksum when there is one
// (works for Glacier classes, which cannot be read back), else a read-back of the whole object.
public sealed partial class S3Store
{
    /// <inheritdoc />
    public async Task<ArchiveVerification> VerifyAsync(ArchiveManifest manifest, CancellationToken ct)
    {
        var key = DataKey(manifest);
        GetObjectMetadataResponse head;
        try
        {
            head = await CallAsync("HeadObject", key, t => client.GetObjectMetadataAsync(new GetObjectMetadataRequest
            {
                BucketName = settings.Bucket, Key = key, ChecksumMode = ChecksumMode.ENABLED,
            }, t), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsNotFound(ex))
        {
            return Fail($"object '{key}' is missing from bucket '{settings.Bucket}'");
        }

        var recorded = head.Metadata[Sha256Metadata];
        if (recorded != manifest.Sha256)
        {
            return Fail($"object '{key}' records sha256 {recorded ?? "(none)"}, the manifest says {manifest.Sha256}");
        }
        // HEAD omits the class for STANDARD objects.
        var stored = head.StorageClass is { Value.Length: > 0 } c ? c : S3StorageClass.Standard;
        if (stored != settings.StorageClass)
        {
            return Fail($"object '{key}' is stored as {stored.Value}, the store declares {settings.StorageClassName}");
        }

        if (settings.EncryptionMethod is { } sse && head.ServerSideEncryptionMethod is { Value.Length: > 0 } reportedSse && reportedSse != sse)
        {
            return Fail($"object '{key}' is encrypted with {reportedSse.Value}, the store declares {settings.Encryption}");
        }

        if (options.Verification != S3Verification.ReadBack && head.ChecksumSHA256 is { Length: > 0 } reported)
        {
            var expected = head.Metadata[ChecksumMetadata];
            // HEAD reports a multipart object's composite checksum with its "-<parts>" suffix; accept it without too.
            return expected is not null && (reported == expected || expected.StartsWith(reported + "-", StringComparison.Ordinal))
                ? new ArchiveVerification(true, manifest.Sha256, manifest.RowCount, null)
                : Fail($"S3 reports checksum {reported} for '{key}', the upload computed {expected}");
        }

        if (options.Verification == S3Verification.ChecksumOnly)
        {
            return Fail($"the server reports no SHA-256 checksum for '{key}' and read-back is disabled");
        }

        return await ReadBackAsync(manifest, key, ct).ConfigureAwait(false);
    }

    private async Task<ArchiveVerification> ReadBackAsync(ArchiveManifest manifest, string key, CancellationToken ct)
    {
        var temp = Running.RunFolder.NewFile(tempFolder, "verify", manifest.Extension);
        try
        {
            string sha;
            try
            {
                sha = await CallAsync("GetObject", key, async attempt =>
                {
                    using var response = await client.GetObjectAsync(settings.Bucket, key, attempt.Token).ConfigureAwait(false);
                    await using var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
                    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    await CopyAsync(response.ResponseStream, file, hash, attempt).ConfigureAwait(false);
                    return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
                }, ct).ConfigureAwait(false);
            }
            catch (RunException ex) when (ex.InnerException is AmazonS3Exception { ErrorCode: "InvalidObjectState" })
            {
                return Fail($"object '{key}' is in {settings.StorageClassName} and cannot be read back, and the server reported no checksum for it");
            }

            if (sha != manifest.Sha256)
            {
                return new ArchiveVerification(false, sha, 0, $"object '{key}' read back with sha256 {sha}, the manifest says {manifest.Sha256}");
            }

            long rows;
            try { rows = await ArchiveFiles.CountRowsAsync(temp, manifest.Format, ct).ConfigureAwait(false); }
            catch (Exception ex) when (ex is IOException or InvalidDataException)
            {
                return new ArchiveVerification(false, sha, 0, $"object '{key}' cannot be read as {manifest.Format}: {ex.Message}");
            }

            return rows == manifest.RowCount
                ? new ArchiveVerification(true, sha, rows, null)
                : new ArchiveVerification(false, sha, rows, $"object '{key}' holds {Plural.Of(rows, "row")}, the manifest says {Values.Count(manifest.RowCount)}");
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static ArchiveVerification Fail(string problem) => new(false, "", 0, problem);
}
