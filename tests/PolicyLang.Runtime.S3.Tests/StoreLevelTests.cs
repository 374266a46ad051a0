using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;
using Xunit;

namespace PolicyLang.Runtime.S3.Tests;

/// <summary>The archive store's steps on their own: a multipart object verified by the composite checksum a server reports.</summary>
public sealed class StoreLevelTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_multipart_object_verifies_by_its_reported_composite_checksum_without_a_read_back(bool withPartCount)
    {
        var bucket = await S3Env.NewBucketAsync();
        // Play AWS: HEAD reports the composite checksum of what was stored (recorded by the upload on the object).
        var http = new RecordingHttp
        {
            AlterResponse = (request, response) =>
            {
                if (request.Method != HttpMethod.Head || !response.Headers.TryGetValues(S3Store.ChecksumMetadata, out var values))
                {
                    return;
                }

                var composite = values.Single();
                response.Headers.Add("x-amz-checksum-sha256", withPartCount ? composite : composite[..composite.LastIndexOf('-')]);
            },
        };
        var model = M.S3(bucket, S3Env.Url);
        var context = new StoreContext(new PolicyModel("p", "P", [model], [], null, []), new RunOptions());
        await using var store = (S3Store)new S3StoreProvider(Run.Through(http, partSize: S3StoreOptions.MinimumPartSize)).Open(model, context);
        var file = Path.GetTempFileName();
        try
        {
            var bytes = new byte[(int)(2.5 * S3StoreOptions.MinimumPartSize)];
            new Random(11).NextBytes(bytes);
            await File.WriteAllBytesAsync(file, bytes);
            var manifest = new ArchiveManifest
            {
                Location = new ArchiveLocation("p", "d", "20260101T000000Z", "0123456789abcdef"), Format = "parquet", Action = "delete",
                Cutoff = DateTimeOffset.UnixEpoch, KeyColumn = "id", Keys = ["1"], KeysSha256 = ArchiveManifest.HashKeys(["1"]), RowCount = 1,
                Sha256 = await ArchiveManifest.Sha256OfFileAsync(file, CancellationToken.None), CreatedAt = DateTimeOffset.UtcNow,
            };

            await store.PutAsync(manifest, file, CancellationToken.None);
            var check = await store.VerifyAsync(manifest, CancellationToken.None);

            Assert.True(check.Ok, check.Problem);
            Assert.Equal(3, http.Sent.Count(r => r.Method == "PUT" && r.PathAndQuery.Contains("partNumber=", StringComparison.Ordinal)));
            Assert.Empty(http.Where("GET", ".parquet"));
            Assert.Equal(bytes, await S3Env.GetAsync(bucket, S3Store.DataKey(manifest)));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
