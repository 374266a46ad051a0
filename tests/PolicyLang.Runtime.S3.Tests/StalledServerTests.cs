using System.Diagnostics;
using System.Net;
using System.Text;
using PolicyLang.Runtime.Running;
using Xunit;

namespace PolicyLang.Runtime.S3.Tests;

/// <summary>
/// A server that stops answering (the real s3rver process frozen with SIGSTOP) or answers 500/503/SlowDown: every call has a
/// timeout and bounded retries, so the dataset fails in one line within a bounded time, nothing unverified is deleted, and the
/// run after the server recovers completes with table ∪ archive = the original rows.
/// </summary>
public sealed class StalledServerTests
{
    [Fact]
    public async Task A_frozen_server_fails_the_dataset_after_the_timeout_and_the_rerun_completes()
    {
        using var setup = await ServerFaultSetup.CreateAsync(server => server.Freeze());
        var (server, dir, original, bucket, model, http) = (setup.Server, setup.Dir, setup.Original, setup.Bucket, setup.Model, setup.Http);
        var clock = Stopwatch.StartNew();

        var report = await Run.PolicyAsync(model, dir, Run.Through(http, retries: 1), batch: 5, remote: new RemoteLimits(TimeSpan.FromSeconds(1), 1, 10));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the run took {clock.Elapsed}");
        var failed = Assert.Single(report.Retention);
        Assert.Contains($"S3 PutObject of 'testpolicy/events/", failed.Error);
        Assert.True(failed.Error!.Contains($"failed: no answer from {server.Url} within 1 s (after 1 retry)", StringComparison.Ordinal), failed.Error);
        Assert.DoesNotContain("\n", failed.Error!, StringComparison.Ordinal);
        Assert.Equal((5L, 2), (failed.Deleted, report.ExitCode));
        Assert.Equal(original.Skip(5), DuckDbEvents.TableRows(dir));

        server.Thaw();
        var rerun = await Run.PolicyAsync(model, dir, batch: 5);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(original.Skip(17), DuckDbEvents.TableRows(dir));
        Assert.Equal(original.Take(17), await DuckDbEvents.ArchivedInS3Async(dir, bucket, server.Url));
    }

    [Fact]
    public async Task A_server_answering_500_503_and_slowdown_at_random_is_retried_to_completion()
    {
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 17, fresh: 4);
        var original = DuckDbEvents.TableRows(dir);
        var bucket = await S3Env.NewBucketAsync();
        var random = new Random(19);
        var errors = new[] { (HttpStatusCode.InternalServerError, "InternalError"), (HttpStatusCode.ServiceUnavailable, "ServiceUnavailable"), (HttpStatusCode.ServiceUnavailable, "SlowDown") };
        var injected = 0;
        // One request in three, of every kind (listing, PUT, GET, HEAD), fails with a transient error.
        var http = new RecordingHttp
        {
            Intercept = _ => random.Next(3) == 0 && Interlocked.Increment(ref injected) > 0 ? Error(errors[random.Next(errors.Length)]) : null,
        };

        var report = await Run.PolicyAsync(Policies.EventsToS3(M.S3(bucket, S3Env.Url)), dir, Run.Through(http, retries: 6), batch: 5,
            remote: new RemoteLimits(TimeSpan.FromSeconds(10), 6, 200));

        Assert.True(injected > 5, $"only {injected} errors were injected");
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(original.Skip(17), DuckDbEvents.TableRows(dir));
        Assert.Equal(original.Take(17), await DuckDbEvents.ArchivedInS3Async(dir, bucket));
    }

    [Fact]
    public async Task A_server_that_keeps_answering_503_spends_the_run_budget_and_fails_in_one_line()
    {
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 7, fresh: 4);
        var original = DuckDbEvents.TableRows(dir);
        var bucket = await S3Env.NewBucketAsync();
        var http = new RecordingHttp { Intercept = r => ServerFaultSetup.IsDataPut(r) ? Error((HttpStatusCode.ServiceUnavailable, "SlowDown")) : null };

        var report = await Run.PolicyAsync(Policies.EventsToS3(M.S3(bucket, S3Env.Url)), dir, Run.Through(http, retries: 4), batch: 5,
            remote: new RemoteLimits(TimeSpan.FromSeconds(10), 4, 2));

        var error = Assert.Single(report.Retention).Error;
        Assert.Contains("failed: 503 SlowDown: injected SlowDown (after 2 retries; the run's retry budget is spent)", error);
        Assert.Equal(3, http.Sent.Count(IsDataPutRequest));
        Assert.Equal(original, DuckDbEvents.TableRows(dir));

        var rerun = await Run.PolicyAsync(Policies.EventsToS3(M.S3(bucket, S3Env.Url)), dir, batch: 5);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(original.Take(7), await DuckDbEvents.ArchivedInS3Async(dir, bucket));
    }

    private static bool IsDataPutRequest(SentRequest r) => r.Method == "PUT" && r.PathAndQuery.Contains(".parquet", StringComparison.Ordinal);

    private static HttpResponseMessage Error((HttpStatusCode Status, string Code) error) => new(error.Status)
    {
        Content = new StringContent($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{error.Code}</Code><Message>injected {error.Code}</Message><RequestId>t</RequestId></Error>",
            Encoding.UTF8, "application/xml"),
    };
}
