using Amazon.S3.Model;
using Xunit;

namespace PolicyLang.Runtime.S3.Tests;

/// <summary>Rows are deleted only after the stored object is proven: by the server's SHA-256 checksum, or read back.</summary>
public sealed class VerificationTests
{
    [Fact]
    public async Task An_object_altered_after_upload_fails_verification_and_its_rows_stay()
    {
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 8, fresh: 2);
        var original = DuckDbEvents.TableRows(dir);
        var bucket = await S3Env.NewBucketAsync();

        var report = await Run.PolicyAsync(Policies.EventsToS3(M.S3(bucket, S3Env.Url)), dir, batch: 5, fault: async p =>
        {
            if (p.Name != Running.FaultPoint.AfterArchive)
            {
                return;
            }
            // What a faulty server could store: other bytes under the same key and the same recorded digest.
            var key = (await S3Env.ListAsync(bucket)).Single(o => o.Key.EndsWith(".parquet", StringComparison.Ordinal)).Key;
            using var client = S3Env.Client();
            var head = await client.GetObjectMetadataAsync(bucket, key);
            var put = new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "not the archive", StorageClass = Amazon.S3.S3StorageClass.Glacier };
            put.Metadata.Add(S3Store.Sha256Metadata, head.Metadata[S3Store.Sha256Metadata]);
            await client.PutObjectAsync(put);
        });

        var error = Assert.Single(report.Retention).Error;
        Assert.NotNull(error);
        Assert.Contains("failed verification", error);
        Assert.Contains("read back with sha256", error);
        Assert.Equal(original, DuckDbEvents.TableRows(dir));
        Assert.Equal(2, report.ExitCode);
    }

    [Fact]
    public async Task A_server_reported_checksum_verifies_without_reading_the_object_back()
    {
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 6, fresh: 1);
        var bucket = await S3Env.NewBucketAsync();
        // Play AWS: report the checksum of what was stored (the upload recorded it on the object).
        var http = new RecordingHttp { AlterResponse = (request, response) => ReportChecksum(request, response, wrong: false) };

        var report = await Run.PolicyAsync(Policies.EventsToS3(M.S3(bucket, S3Env.Url)), dir, Run.Through(http), batch: 5);

        Assert.Null(Assert.Single(report.Retention).Error);
        Assert.Single(DuckDbEvents.TableRows(dir));
        Assert.Empty(http.Where("GET", ".parquet"));
        Assert.All(http.Where("HEAD", ".parquet"), h => Assert.Equal("ENABLED", h.Header("x-amz-checksum-mode")));
    }

    [Fact]
    public async Task A_server_reported_checksum_that_differs_keeps_the_rows()
    {
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 6, fresh: 1);
        var original = DuckDbEvents.TableRows(dir);
        var bucket = await S3Env.NewBucketAsync();
        var http = new RecordingHttp { AlterResponse = (request, response) => ReportChecksum(request, response, wrong: true) };

        var report = await Run.PolicyAsync(Policies.EventsToS3(M.S3(bucket, S3Env.Url)), dir, Run.Through(http), batch: 5);

        Assert.Contains("S3 reports checksum", Assert.Single(report.Retention).Error);
        Assert.Equal(original, DuckDbEvents.TableRows(dir));
    }

    private static void ReportChecksum(HttpRequestMessage request, HttpResponseMessage response, bool wrong)
    {
        if (request.Method != HttpMethod.Head || !request.RequestUri!.AbsolutePath.EndsWith(".parquet", StringComparison.Ordinal))
        {
            return;
        }

        if (!response.Headers.TryGetValues(S3Store.ChecksumMetadata, out var values))
        {
            return;
        }

        var value = values.Single();
        response.Headers.Add("x-amz-checksum-sha256", wrong ? Convert.ToBase64String(new byte[32]) : value);
    }
}
