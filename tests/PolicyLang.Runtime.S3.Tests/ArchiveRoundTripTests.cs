using Amazon.S3;
using Xunit;

namespace PolicyLang.Runtime.S3.Tests;

/// <summary>DuckDB rows archived into the local S3 server: read back equal, stored class and sent encryption headers as declared.</summary>
public sealed class ArchiveRoundTripTests
{
    [Fact]
    public async Task Expired_rows_archive_to_s3_and_read_back_equal_the_deleted_rows_by_key_and_content_hash()
    {
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 23, fresh: 7);
        var original = DuckDbEvents.TableRows(dir);
        var bucket = await S3Env.NewBucketAsync();
        var http = new RecordingHttp();

        var report = await Run.PolicyAsync(Policies.EventsToS3(M.S3(bucket, S3Env.Url)), dir, Run.Through(http));

        var retention = Assert.Single(report.Retention);
        Assert.Null(retention.Error);
        Assert.Equal(23, retention.Deleted);
        Assert.Equal(23, retention.Archived);
        Assert.Equal(3, retention.Batches);
        Assert.Equal(original.Skip(23), DuckDbEvents.TableRows(dir));
        var archived = await DuckDbEvents.ArchivedInS3Async(dir, bucket);
        Assert.Equal(DuckDbEvents.ByKeyAndHash(original.Take(23)), DuckDbEvents.ByKeyAndHash(archived));

        using var client = S3Env.Client();
        var objects = await S3Env.ListAsync(bucket);
        Assert.Equal(3, objects.Count(o => o.Key.EndsWith(".parquet", StringComparison.Ordinal)));
        Assert.Equal(3, objects.Count(o => o.Key.EndsWith(".manifest.json", StringComparison.Ordinal)));
        Assert.Equal(3, objects.Count(o => o.Key.EndsWith(".done", StringComparison.Ordinal)));
        Assert.All(objects, o => Assert.Matches(@"^testpolicy/events/20260502T120000Z/[0-9a-f]{16}\.(parquet|manifest\.json|done)$", o.Key));
        foreach (var o in objects)
        {
            var head = await client.GetObjectMetadataAsync(bucket, o.Key);
            var expected = o.Key.EndsWith(".parquet", StringComparison.Ordinal) ? S3StorageClass.Glacier : S3StorageClass.Standard;
            Assert.Equal(expected, head.StorageClass ?? S3StorageClass.Standard);
        }

        // The local server drops SSE headers: assert what the client sent.
        var puts = http.Sent.Where(r => r.Method == "PUT").ToList();
        Assert.Equal(9, puts.Count); // 3 data objects, 3 manifests, 3 completion markers: a manifest is never rewritten (issue 19)
        Assert.All(puts, p => Assert.Equal("AES256", p.Header("x-amz-server-side-encryption")));
        Assert.All(puts.Where(p => p.PathAndQuery.Contains(".parquet", StringComparison.Ordinal)), p =>
        {
            Assert.Equal("GLACIER", p.Header("x-amz-storage-class"));
            Assert.NotNull(p.Header("x-amz-checksum-sha256"));
        });
        Assert.All(puts.Where(p => p.PathAndQuery.Contains(".manifest.json", StringComparison.Ordinal)), p => Assert.Null(p.Header("x-amz-storage-class")));
        // The local server reports no checksum, so each object was read back before its rows were deleted.
        Assert.Equal(3, http.Where("GET", ".parquet").Count());
    }

    [Fact]
    public async Task Kms_encryption_sends_the_key_id_and_standard_ia_is_stored()
    {
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 4, fresh: 1);
        var bucket = await S3Env.NewBucketAsync();
        var http = new RecordingHttp();
        const string key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

        var report = await Run.PolicyAsync(Policies.EventsToS3(M.S3(bucket, S3Env.Url, "standard-ia", "kms", key)), dir, Run.Through(http));

        Assert.Null(Assert.Single(report.Retention).Error);
        var puts = http.Sent.Where(r => r.Method == "PUT").ToList();
        Assert.NotEmpty(puts);
        Assert.All(puts, p =>
        {
            Assert.Equal("aws:kms", p.Header("x-amz-server-side-encryption"));
            Assert.Equal(key, p.Header("x-amz-server-side-encryption-aws-kms-key-id"));
        });
        var data = (await S3Env.ListAsync(bucket)).Single(o => o.Key.EndsWith(".parquet", StringComparison.Ordinal));
        using var client = S3Env.Client();
        Assert.Equal(S3StorageClass.StandardInfrequentAccess, (await client.GetObjectMetadataAsync(bucket, data.Key)).StorageClass);
    }

    [Fact]
    public async Task A_rerun_writes_nothing_twice()
    {
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 12, fresh: 3);
        var bucket = await S3Env.NewBucketAsync();
        var model = Policies.EventsToS3(M.S3(bucket, S3Env.Url));

        Assert.Null(Assert.Single((await Run.PolicyAsync(model, dir, batch: 5)).Retention).Error);
        var first = (await S3Env.ListAsync(bucket)).Select(o => (o.Key, o.ETag)).ToList();
        var http = new RecordingHttp();
        var second = Assert.Single((await Run.PolicyAsync(model, dir, Run.Through(http), batch: 5)).Retention);

        Assert.Null(second.Error);
        // Completed batches are recognised from the listing alone: no manifest is read.
        Assert.Empty(http.Where("GET", ".manifest.json"));
        Assert.Equal(0, second.Archived);
        Assert.Equal(first, (await S3Env.ListAsync(bucket)).Select(o => (o.Key, o.ETag)).ToList());
        Assert.Equal(3, DuckDbEvents.TableRows(dir).Count);
    }
}
