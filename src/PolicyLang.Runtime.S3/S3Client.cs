using System.Net.Sockets;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using PolicyLang.Runtime.Running;

namespace PolicyLang.Runtime.S3;

/// <summary>Builds the SDK client and turns its failures into user-facing messages.</summary>
internal static class S3Client
{
    /// <summary>
    /// A client for <paramref name="settings"/>. Checksums are calculated and validated only when an operation requires it:
    /// the SDK v4 default (streaming trailers) is stored verbatim inside objects by S3-compatible servers, corrupting them
    /// without an error (ENVIRONMENT.md); this store sends explicit SHA-256 checksums itself instead.
    /// The SDK does not retry: <see cref="S3Store.CallAsync{T}(string, string, Func{CancellationToken, Task{T}}, CancellationToken)"/> does, within
    /// the run's <see cref="RemoteLimits"/>, so every attempt has a timeout and the run a retry budget. The SDK's own HTTP timeout is
    /// set just above the attempt's, as a second bound.
    /// </summary>
    public static IAmazonS3 Create(S3Settings settings, S3StoreOptions options, RemoteLimits limits)
    {
        var config = new AmazonS3Config
        {
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 0,
            Timeout = limits.Timeout + TimeSpan.FromSeconds(5),
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

        // Credentials only ever come from the standard chain: environment, profile, SSO, web identity, container and instance roles.
        return new AmazonS3Client(config);
    }

    /// <summary>A one-line description of a failed S3 call; never includes credentials or request signatures.</summary>
    public static string Describe(Exception ex, S3Settings settings) => ex switch
    {
        RemoteCallException { TimedOutAfter: { } after } remote =>
            $"no answer from {settings.Where} within {after.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s ({remote.RetriesText})",
        RemoteCallException remote => $"{Describe(remote.InnerException!, settings)} ({remote.RetriesText})",
        AmazonS3Exception s3 when s3.StatusCode == System.Net.HttpStatusCode.NotFound && s3.ErrorCode == "NoSuchBucket" =>
            $"bucket '{settings.Bucket}' does not exist at {settings.Where}",
        AmazonServiceException service when service.StatusCode != 0 =>
            $"{(int)service.StatusCode} {service.ErrorCode ?? service.StatusCode.ToString()}: {service.Message}",
        _ when Unreachable(ex) is { } reason => $"could not reach {settings.Where} ({reason})",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    /// <summary>Worth retrying: throttling, a 5xx, or the network (a refused or dropped connection, a timeout inside the SDK); never another 4xx.</summary>
    public static bool IsTransient(Exception ex) => ex switch
    {
        // A TLS handshake that failed (a certificate, a plain-HTTP endpoint behind https://) fails the same way every time.
        _ when Tls(ex) is not null => false,
        AmazonServiceException service when service.StatusCode != 0 =>
            ((int)service.StatusCode >= 500 && service.StatusCode != System.Net.HttpStatusCode.NotImplemented) || (int)service.StatusCode == 429 || service.ErrorCode is "SlowDown" or "Throttling" or "RequestTimeout",
        AmazonClientException or HttpRequestException or IOException or OperationCanceledException => true,
        AmazonServiceException { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };

    private static string? Unreachable(Exception? ex)
    {
        if (Tls(ex) is { } tls)
        {
            return $"TLS handshake failed: {tls.Message}";
        }

        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is SocketException socket)
            {
                return socket.Message;
            }

            if (ex is HttpRequestException or IOException && ex.InnerException is null)
            {
                return ex.Message;
            }
        }

        return null;
    }

    /// <summary>The TLS failure behind <paramref name="ex"/>, if any (the HTTP layer only says "see inner exception").</summary>
    private static System.Security.Authentication.AuthenticationException? Tls(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is System.Security.Authentication.AuthenticationException tls)
            {
                return tls;
            }
        }

        return null;
    }
}
