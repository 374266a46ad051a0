using Amazon.S3;
using Amazon.S3.Model;
using Xunit.Sdk;

namespace PolicyLang.Testing;

/// <summary>The local S3 server the test script starts. A missing server fails every test (never a silent pass).</summary>
internal static class S3Env
{
    public const string UrlVariable = "POLICYLANG_TEST_S3_URL";

    static S3Env()
    {
        // The standard AWS chain reads these; the local server accepts any credentials.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "S3RVER");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "S3RVER");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    /// <summary>The shared server's URL.</summary>
    public static string Url => Require(Environment.GetEnvironmentVariable(UrlVariable));

    /// <summary>Fails with what to do when the variable is not set.</summary>
    public static string Require(string? url) =>
        string.IsNullOrWhiteSpace(url)
            ? throw new XunitException($"{UrlVariable} is not set: run scripts/test.sh, which starts the local S3 server (scripts/services/s3.sh) and exports it")
            : url;

    /// <summary>A client for assertions, configured like the store's (no streaming checksums, path style).</summary>
    public static AmazonS3Client Client(string? url = null) => new(new Amazon.Runtime.BasicAWSCredentials("S3RVER", "S3RVER"), new AmazonS3Config
    {
        ServiceURL = url ?? Url,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
        MaxErrorRetry = 0,
    });

    /// <summary>Creates a fresh bucket so tests never see each other's objects.</summary>
    public static async Task<string> NewBucketAsync(string? url = null)
    {
        var bucket = "t-" + Guid.NewGuid().ToString("N")[..20];
        using var client = Client(url);
        await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return bucket;
    }

    /// <summary>Every key in <paramref name="bucket"/> under <paramref name="prefix"/>.</summary>
    public static async Task<List<S3Object>> ListAsync(string bucket, string prefix = "", string? url = null)
    {
        using var client = Client(url);
        var all = new List<S3Object>();
        string? token = null;
        do
        {
            var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, ContinuationToken = token });
            all.AddRange(page.S3Objects ?? []);
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return all;
    }

    public static async Task<byte[]> GetAsync(string bucket, string key, string? url = null)
    {
        using var client = Client(url);
        using var response = await client.GetObjectAsync(bucket, key);
        using var memory = new MemoryStream();
        await response.ResponseStream.CopyToAsync(memory);
        return memory.ToArray();
    }

    public static async Task PutAsync(string bucket, string key, byte[] body, string? url = null)
    {
        using var client = Client(url);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(body) });
    }
}
