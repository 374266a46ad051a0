using Xunit;

namespace PolicyLang.Runtime.S3.Tests;

/// <summary>Batches larger than a part go up as multipart uploads, each part with its SHA-256, one part in memory at a time.</summary>
public sealed class MultipartTests
{
    [Fact]
    public async Task A_large_batch_uploads_in_parts_and_reads_back_intact()
    {
        using var dir = new TempDir();
        // md5 text barely compresses: ≈ 12 MB of Parquet, three 5 MiB parts.
        dir.Exec("""
            CREATE TABLE events AS SELECT i::BIGINT AS id, md5(i::VARCHAR) || md5((i * 7)::VARCHAR) || md5((i * 13)::VARCHAR) AS payload,
              i * 1.25 AS amount, TIMESTAMP '2026-01-01' + i * INTERVAL 1 SECOND AS created FROM range(1, 200001) t(i)
            """);
        var original = DuckDbEvents.TableRows(dir);
        var bucket = await S3Env.NewBucketAsync();
        var http = new RecordingHttp();

        var report = await Run.PolicyAsync(Policies.EventsToS3(M.S3(bucket, S3Env.Url)), dir,
            Run.Through(http, partSize: S3StoreOptions.MinimumPartSize), batch: 200_000);

        var retention = Assert.Single(report.Retention);
        Assert.Null(retention.Error);
        Assert.Equal(200_000, retention.Deleted);
        Assert.Empty(DuckDbEvents.TableRows(dir));
        Assert.Single(http.Where("POST", "?uploads"));
        var parts = http.Sent.Where(r => r.Method == "PUT" && r.PathAndQuery.Contains("partNumber=", StringComparison.Ordinal)).ToList();
        Assert.True(parts.Count >= 2, $"expected a multipart upload, saw {parts.Count} parts");
        Assert.All(parts, p => Assert.NotNull(p.Header("x-amz-checksum-sha256")));
        Assert.Single(http.Where("POST", "uploadId="));
        Assert.Equal(DuckDbEvents.ByKeyAndHash(original), DuckDbEvents.ByKeyAndHash(await DuckDbEvents.ArchivedInS3Async(dir, bucket)));
    }

    [Fact]
    public async Task The_composite_checksum_matches_s3s_definition()
    {
        var path = Path.GetTempFileName();
        try
        {
            var bytes = new byte[(int)S3StoreOptions.MinimumPartSize + 10];
            new Random(7).NextBytes(bytes);
            await File.WriteAllBytesAsync(path, bytes);
            var digests = await ObjectChecksum.PartDigestsAsync(path, S3StoreOptions.MinimumPartSize, CancellationToken.None);
            Assert.Equal(2, digests.Count);
            var first = System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, (int)S3StoreOptions.MinimumPartSize));
            var second = System.Security.Cryptography.SHA256.HashData(bytes.AsSpan((int)S3StoreOptions.MinimumPartSize));
            var expected = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(first.Concat(second).ToArray())) + "-2";
            Assert.Equal(expected, ObjectChecksum.Composite(digests));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
