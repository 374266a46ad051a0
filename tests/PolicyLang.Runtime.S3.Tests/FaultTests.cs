using System.Net;
using System.Text;
using Xunit;

namespace PolicyLang.Runtime.S3.Tests;

/// <summary>Transient failures are retried with backoff, 4xx never; a failed upload deletes nothing and the next run completes.</summary>
public sealed class FaultTests
{
    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "SlowDown")]
    [InlineData(HttpStatusCode.InternalServerError, "InternalError")]
    public async Task Throttling_and_5xx_are_retried(HttpStatusCode status, string code)
    {
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 3, fresh: 1);
        var bucket = await S3Env.NewBucketAsync();
        var failures = 2;
        var http = new RecordingHttp();
        http.Intercept = r => ServerFaultSetup.IsDataPut(r) && Interlocked.Decrement(ref failures) >= 0 ? Error(status, code) : null;

        var report = await Run.PolicyAsync(Policies.EventsToS3(M.S3(bucket, S3Env.Url)), dir, Run.Through(http, retries: 3));

        Assert.Null(Assert.Single(report.Retention).Error);
        Assert.Equal(3, http.Sent.Count(r => r.Method == "PUT" && r.PathAndQuery.EndsWith(".parquet", StringComparison.Ordinal)));
        Assert.Single(DuckDbEvents.TableRows(dir));
    }

    [Fact]
    public async Task A_4xx_is_not_retried_and_the_batch_is_not_deleted()
    {
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 3, fresh: 1);
        var original = DuckDbEvents.TableRows(dir);
        var bucket = await S3Env.NewBucketAsync();
        var http = new RecordingHttp { Intercept = r => ServerFaultSetup.IsDataPut(r) ? Error(HttpStatusCode.Forbidden, "AccessDenied") : null };

        var report = await Run.PolicyAsync(Policies.EventsToS3(M.S3(bucket, S3Env.Url)), dir, Run.Through(http, retries: 3));

        var error = Assert.Single(report.Retention).Error;
        Assert.Contains($"store 'offsite': S3 PutObject of 'testpolicy/events/", error);
        Assert.Contains($"in bucket '{bucket}' failed: 403 AccessDenied", error);
        Assert.Single(http.Sent, r => r.Method == "PUT");
        Assert.Equal(original, DuckDbEvents.TableRows(dir));
        Assert.Contains(report.Datasets.Single().Errors, e => e.StartsWith("retention: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_the_server_mid_upload_loses_no_row_and_the_rerun_completes()
    {
        using var setup = await ServerFaultSetup.CreateAsync(server => server.Stop());
        var (server, dir, original, bucket, model, http) = (setup.Server, setup.Dir, setup.Original, setup.Bucket, setup.Model, setup.Http);

        var report = await Run.PolicyAsync(model, dir, Run.Through(http, retries: 1), batch: 5);

        var failed = Assert.Single(report.Retention);
        Assert.Contains("could not reach http://127.0.0.1:", failed.Error);
        Assert.Contains("S3 PutObject of 'testpolicy/events/", failed.Error);
        Assert.Equal(5, failed.Deleted);
        Assert.Equal(2, report.ExitCode);
        Assert.Equal(original.Skip(5), DuckDbEvents.TableRows(dir));

        server.Start();
        Assert.Equal(original.Take(5), await DuckDbEvents.ArchivedInS3Async(dir, bucket, server.Url));
        var rerun = Assert.Single((await Run.PolicyAsync(model, dir, batch: 5)).Retention);
        Assert.Null(rerun.Error);
        Assert.Equal(original.Skip(17), DuckDbEvents.TableRows(dir));
        Assert.Equal(DuckDbEvents.ByKeyAndHash(original.Take(17)), DuckDbEvents.ByKeyAndHash(await DuckDbEvents.ArchivedInS3Async(dir, bucket, server.Url)));
    }

    private static HttpResponseMessage Error(HttpStatusCode status, string code) => new(status)
    {
        Content = new StringContent($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>injected {code}</Message><RequestId>t</RequestId></Error>",
            Encoding.UTF8, "application/xml"),
    };
}
