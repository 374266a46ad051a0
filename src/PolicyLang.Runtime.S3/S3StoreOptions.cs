using Amazon.S3;

namespace PolicyLang.Runtime.S3;

/// <summary>How archive objects are verified before the runner's protocol allows the source rows to be deleted.</summary>
public enum S3Verification
{
    /// <summary>
    /// Use the SHA-256 checksum the server reports for what it stored; when the server reports none (S3-compatible servers),
    /// read the object back and hash it. The default: correct on AWS for every storage class, including Glacier.
    /// </summary>
    Auto,
    /// <summary>Require the server-reported checksum; an object without one fails verification.</summary>
    ChecksumOnly,
    /// <summary>Always read the object back (not possible for Glacier Flexible Retrieval or Deep Archive on AWS).</summary>
    ReadBack,
}

/// <summary>Tuning of the s3 store for hosts and tests; policies never set these.</summary>
public sealed class S3StoreOptions
{
    /// <summary>The smallest part AWS accepts (except the last part of an upload).</summary>
    public const long MinimumPartSize = 5L * 1024 * 1024;

    /// <summary>Bytes per multipart part; objects up to this size are uploaded with one PUT. At least <see cref="MinimumPartSize"/>.</summary>
    public long PartSize { get; init; } = 16L * 1024 * 1024;

    /// <summary>
    /// Retries of a request after throttling, a 5xx, a timeout or a network failure (never after another 4xx); null takes the run's
    /// <see cref="Running.RemoteLimits.Retries"/> (default 4, <c>POLICYLANG_REMOTE_RETRIES</c>).
    /// </summary>
    public int? MaxErrorRetry { get; init; }

    /// <summary>How archive objects are verified.</summary>
    public S3Verification Verification { get; init; } = S3Verification.Auto;

    /// <summary>Keys per ListObjectsV2 page (AWS caps it at 1,000).</summary>
    public int ListPageSize { get; init; } = 1000;

    /// <summary>Last say over the SDK client configuration, e.g. an <c>HttpClientFactory</c> that records requests in tests.</summary>
    public Action<AmazonS3Config>? ConfigureClient { get; init; }
}
