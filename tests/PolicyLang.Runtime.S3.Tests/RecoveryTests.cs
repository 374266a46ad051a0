using System.Net;
using System.Text;
using PolicyLang.Runtime.Stores.Folder;
using Xunit;

namespace PolicyLang.Runtime.S3.Tests;

/// <summary>Leftovers of interrupted writes, objects that cannot be read back, and stores that cannot be reached.</summary>
public sealed class RecoveryTests
{
    [Fact]
    public async Task A_data_object_without_its_manifest_is_removed_before_retention_continues()
    {
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 4, fresh: 1);
        var bucket = await S3Env.NewBucketAsync();
        // What a crash between the data PUT and the manifest PUT leaves behind.
        const string orphan = "testpolicy/events/20260502T120000Z/00000000deadbeef.parquet";
        await S3Env.PutAsync(bucket, orphan, Encoding.UTF8.GetBytes("half an upload"));

        var report = await Run.PolicyAsync(Policies.EventsToS3(M.S3(bucket, S3Env.Url)), dir);

        Assert.Null(Assert.Single(report.Retention).Error);
        Assert.DoesNotContain(await S3Env.ListAsync(bucket), o => o.Key == orphan);
        var audit = await new FolderAuditSink(Path.Combine(dir.Path, "files", "testpolicy", "audit.jsonl"), "testpolicy", true).ReadAllAsync(CancellationToken.None);
        Assert.Equal(1, audit.Single(r => r.Action == "recover").Counts["partialObjects"]);
    }

    [Fact]
    public async Task A_glacier_object_without_a_reported_checksum_cannot_be_verified_so_nothing_is_deleted()
    {
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 3, fresh: 1);
        var original = DuckDbEvents.TableRows(dir);
        var bucket = await S3Env.NewBucketAsync();
        // AWS refuses GET on GLACIER objects until restored; this server also reports no checksum.
        var http = new RecordingHttp
        {
            Intercept = r => r.Method == HttpMethod.Get && r.RequestUri!.AbsolutePath.EndsWith(".parquet", StringComparison.Ordinal)
                ? new HttpResponseMessage(HttpStatusCode.Forbidden)
                {
                    Content = new StringContent("<Error><Code>InvalidObjectState</Code><Message>The operation is not valid for the object's storage class</Message></Error>", Encoding.UTF8, "application/xml"),
                }
                : null,
        };

        var report = await Run.PolicyAsync(Policies.EventsToS3(M.S3(bucket, S3Env.Url)), dir, Run.Through(http));

        Assert.Contains("is in glacier-flexible-retrieval and cannot be read back", Assert.Single(report.Retention).Error);
        Assert.Equal(original, DuckDbEvents.TableRows(dir));
    }

    [Fact]
    public async Task Checksum_only_verification_refuses_a_server_that_reports_no_checksum()
    {
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 3, fresh: 1);
        var original = DuckDbEvents.TableRows(dir);
        var bucket = await S3Env.NewBucketAsync();

        var report = await Run.PolicyAsync(Policies.EventsToS3(M.S3(bucket, S3Env.Url)), dir,
            Run.Through(new RecordingHttp(), verification: S3Verification.ChecksumOnly));

        Assert.Contains("reports no SHA-256 checksum", Assert.Single(report.Retention).Error);
        Assert.Equal(original, DuckDbEvents.TableRows(dir));
    }

    [Fact]
    public async Task A_missing_bucket_is_named()
    {
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 3, fresh: 1);
        var original = DuckDbEvents.TableRows(dir);

        var report = await Run.PolicyAsync(Policies.EventsToS3(M.S3("no-such-bucket-here", S3Env.Url)), dir);

        Assert.Contains($"bucket 'no-such-bucket-here' does not exist at {S3Env.Url}", Assert.Single(report.Retention).Error);
        Assert.Equal(original, DuckDbEvents.TableRows(dir));
    }
}
