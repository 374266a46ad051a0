using System.Net.Sockets;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace PolicyLang.Runtime.S3;

/// <summary>Builds the SDK client and turns its failures into user-facing messages.</summary>
internal static class S3Client
{
    /// <summary>
    /// A client for <paramref name="settings"/>. Checksums are calculated and validated only when an operation requires it:
    /// the SDK v4 default (streaming trailers) is stored verbatim inside objects by S3-compatible servers, corrupting them
    /// without an error (ENVIRONMENT.md); this store sends explicit SHA-256 checksums itself instead.
    /// The SDK's standard retry mode retries throttling, 5xx and network failures with jittered exponential backoff, never other 4xx.
    /// </summary>
    public static IAmazonS3 Create(S3Settings settings, S3StoreOptions options)
    {
        var config = new AmazonS3Config
        {
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = options.MaxErrorRetry,
        };
        if (settings.Endpoint is { } endpoint)
        {
            // Custom endpoints rarely have per-bucket DNS names: address buckets by path.
            config.ServiceURL = endpoint;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = settings.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }
        options.ConfigureClient?.Invoke(config);

        if (settings.AccessKeyId is { } id)
        {
            AWSCredentials credentials = settings.SessionToken is { } token
                ? new SessionAWSCredentials(id, settings.SecretAccessKey, token)
                : new BasicAWSCredentials(id, settings.SecretAccessKey);
            return new AmazonS3Client(credentials, config);
        }
        // The standard chain: environment, profile, SSO, web identity, container and instance roles.
        return new AmazonS3Client(config);
    }

    /// <summary>A one-line description of a failed S3 call; never includes credentials or request signatures.</summary>
    public static string Describe(Exception ex, S3Settings settings, int retries) => ex switch
    {
        AmazonS3Exception s3 when s3.StatusCode == System.Net.HttpStatusCode.NotFound && s3.ErrorCode == "NoSuchBucket" =>
            $"bucket '{settings.Bucket}' does not exist at {settings.Where}",
        AmazonServiceException service when service.StatusCode != 0 =>
            $"{(int)service.StatusCode} {service.ErrorCode ?? service.StatusCode.ToString()}: {service.Message}"
            + (IsTransient(service) ? $" (after {retries} retries)" : ""),
        _ when Unreachable(ex) is { } reason => $"could not reach {settings.Where} after {retries} retries ({reason})",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    private static bool IsTransient(AmazonServiceException ex) => (int)ex.StatusCode >= 500 || (int)ex.StatusCode == 429 || ex.ErrorCode is "SlowDown" or "Throttling";

    private static string? Unreachable(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is SocketException socket) return socket.Message;
            if (ex is HttpRequestException or IOException && ex.InnerException is null) return ex.Message;
        }
        return null;
    }
}
