using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.S3;

/// <summary>
/// An open s3 store. As an archive (<see cref="IArchiveStore"/>) it keeps <c>&lt;policy&gt;/&lt;dataset&gt;/&lt;cutoff&gt;/&lt;batch&gt;.parquet</c>
/// with <c>&lt;batch&gt;.manifest.json</c>; as a data store (<see cref="IDataStore"/>, <see cref="IRetentionSource"/>) it governs the
/// objects under a dataset's prefix. Every S3 failure surfaces as a <see cref="RunException"/> naming the operation, key and bucket.
/// </summary>
public sealed partial class S3Store : IArchiveStore, IDataStore, IRetentionSource
{
    private readonly S3Settings settings;
    private readonly S3StoreOptions options;
    private readonly IAmazonS3 client;
    private readonly PolicyModel? policy;
    private readonly RemoteLimits limits;
    private readonly RetryBudget budget;
    private readonly string tempFolder;

    internal S3Store(StoreModel model, S3Settings settings, S3StoreOptions options, IAmazonS3 client, StoreContext context)
    {
        Model = model;
        this.settings = settings;
        this.options = options;
        this.client = client;
        policy = context.Policy;
        limits = options.MaxErrorRetry is { } retries ? context.Remote with { Retries = retries } : context.Remote;
        budget = context.RetryBudget;
        tempFolder = context.TempFolder;
    }

    /// <inheritdoc />
    public StoreModel Model { get; }

    /// <summary>The store's bucket.</summary>
    public string Bucket => settings.Bucket;

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Runs one S3 call within the run's <see cref="RemoteLimits"/> (a timeout per attempt; throttling, 5xx, timeouts and network
    /// failures retried with backoff while the call's retries and the run's budget last), turning the last failure into a
    /// <see cref="RunException"/>. <paramref name="call"/> builds its request anew each attempt (a request's body stream is spent by one).
    /// </summary>
    internal Task<T> CallAsync<T>(string operation, string key, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        CallAsync(operation, key, (RemoteAttempt attempt) => call(attempt.Token), ct);

    /// <inheritdoc cref="CallAsync{T}(string, string, Func{CancellationToken, Task{T}}, CancellationToken)"/>
    internal async Task<T> CallAsync<T>(string operation, string key, Func<RemoteAttempt, Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await RemoteCall.RunAsync(call, S3Client.IsTransient, limits, budget, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsS3Failure(ex, ct) && !IsNotFound(ex))
        {
            throw Failure(operation, key, ex);
        }
    }

    internal RunException Failure(string operation, string key, Exception ex) =>
        new($"store '{Model.Name}': S3 {operation} of '{key}' in bucket '{settings.Bucket}' failed: {S3Client.Describe(ex, settings)}", ex);

    // A timeout surfaces as a cancellation the caller did not ask for: that is a failure of the call, not a cancel.
    internal static bool IsS3Failure(Exception ex, CancellationToken ct) =>
        ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or RemoteCallException
        || (ex is OperationCanceledException && !ct.IsCancellationRequested);

    /// <summary>True when the call failed because the key does not exist (a missing bucket is a failure, not a missing key).</summary>
    internal static bool IsNotFound(Exception ex) =>
        (ex as AmazonServiceException ?? ex.InnerException as AmazonServiceException) is { StatusCode: System.Net.HttpStatusCode.NotFound } missing
        && missing.ErrorCode != "NoSuchBucket";

    /// <summary>Every object under <paramref name="prefix"/> in key order, one ListObjectsV2 page at a time (never the whole listing in memory).</summary>
    internal async IAsyncEnumerable<S3Object> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        string? token = null;
        do
        {
            var request = new ListObjectsV2Request { BucketName = settings.Bucket, Prefix = prefix, ContinuationToken = token, MaxKeys = options.ListPageSize };
            var page = await CallAsync("ListObjectsV2", prefix, t => client.ListObjectsV2Async(request, t), ct).ConfigureAwait(false);
            // SDK v4 returns null, not an empty list, for an empty page.
            foreach (var item in page.S3Objects ?? [])
            {
                yield return item;
            }

            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
    }

    /// <summary>Applies the store's storage class and server-side encryption to an upload.</summary>
    internal void Protect(PutObjectRequest request, bool archiveClass)
    {
        if (archiveClass)
        {
            request.StorageClass = settings.StorageClass;
        }
        // Set only when declared: an empty SSE header is an error on some S3-compatible servers.
        if (settings.EncryptionMethod is { } method)
        {
            request.ServerSideEncryptionMethod = method;
        }

        if (settings.KmsKeyId is { } key)
        {
            request.ServerSideEncryptionKeyManagementServiceKeyId = key;
        }
    }

    /// <inheritdoc cref="Protect(PutObjectRequest, bool)"/>
    internal void Protect(InitiateMultipartUploadRequest request)
    {
        request.StorageClass = settings.StorageClass;
        if (settings.EncryptionMethod is { } method)
        {
            request.ServerSideEncryptionMethod = method;
        }

        if (settings.KmsKeyId is { } key)
        {
            request.ServerSideEncryptionKeyManagementServiceKeyId = key;
        }
    }
}
