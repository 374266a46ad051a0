using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;

namespace PolicyLang.Runtime.S3.Tests;

internal static class Run
{
    public static Task<RunReport> PolicyAsync(PolicyModel model, TempDir dir, S3StoreOptions? options = null, int batch = 10,
        Func<FaultPoint, ValueTask>? fault = null, DateTimeOffset? now = null, RemoteLimits? remote = null) =>
        PolicyRunner.RunAsync(new TestPolicy(model, s3: options),
            new RunOptions { BaseDirectory = dir.Path, Now = now ?? M.Now, BatchSize = batch, FaultInjection = fault, Remote = remote }, CancellationToken.None);

    /// <summary>Options whose client goes through <paramref name="http"/>; few, fast retries keep fault tests short.</summary>
    public static S3StoreOptions Through(RecordingHttp http, int retries = 2, S3Verification verification = S3Verification.Auto, long partSize = 16L << 20) => new()
    {
        MaxErrorRetry = retries,
        Verification = verification,
        PartSize = partSize,
        ConfigureClient = c => c.HttpClientFactory = http,
    };
}
