using Amazon.S3.Model;
using PolicyLang.Runtime.Retention;

namespace PolicyLang.Runtime.S3;

// Multipart upload of one archive batch: one part in memory at a time, each part with its own SHA-256.
public sealed partial class S3Store
{
    private async Task PutMultipartAsync(ArchiveManifest manifest, string key, string localFile, CancellationToken ct)
    {
        // Part digests first (a local read), so the composite checksum S3 will report can be recorded on the object itself.
        var digests = await ObjectChecksum.PartDigestsAsync(localFile, options.PartSize, ct).ConfigureAwait(false);
        var initiate = new InitiateMultipartUploadRequest
        {
            BucketName = settings.Bucket, Key = key, ContentType = ContentType(manifest.Format),
            ChecksumAlgorithm = Amazon.S3.ChecksumAlgorithm.SHA256,
        };
        Protect(initiate);
        Describe(initiate.Metadata, manifest, ObjectChecksum.Composite(digests));
        var upload = await CallAsync("CreateMultipartUpload", key, t => client.InitiateMultipartUploadAsync(initiate, t), ct).ConfigureAwait(false);
        try
        {
            var parts = new List<PartETag>();
            var buffer = new byte[options.PartSize];
            await using var file = new FileStream(localFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
            for (var i = 0; i < digests.Count; i++)
            {
                var length = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
                var checksum = Convert.ToBase64String(digests[i]);
                var number = i + 1;
                var uploaded = await CallAsync("UploadPart", $"{key} part {number}", t => client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = settings.Bucket, Key = key, UploadId = upload.UploadId, PartNumber = number,
                    InputStream = new MemoryStream(buffer, 0, length, writable: false), PartSize = length,
                    // AWS rejects a part whose bytes do not hash to this, so a corrupted part never becomes part of the object.
                    ChecksumSHA256 = checksum,
                }, t), ct).ConfigureAwait(false);
                parts.Add(new PartETag(i + 1, uploaded.ETag) { ChecksumSHA256 = checksum });
            }

            var complete = new CompleteMultipartUploadRequest { BucketName = settings.Bucket, Key = key, UploadId = upload.UploadId, PartETags = parts };
            await CallAsync("CompleteMultipartUpload", key, t => client.CompleteMultipartUploadAsync(complete, t), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await AbortQuietlyAsync(key, upload.UploadId).ConfigureAwait(false);
            throw;
        }
    }

    private async Task AbortQuietlyAsync(string key, string uploadId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(limits.Timeout);
            await client.AbortMultipartUploadAsync(settings.Bucket, key, uploadId, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsS3Failure(ex, CancellationToken.None))
        {
            // The upload already failed and that error is what the user needs; CleanupAsync aborts leftovers on the next run.
        }
    }
}
