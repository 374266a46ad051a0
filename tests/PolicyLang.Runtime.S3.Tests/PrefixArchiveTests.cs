using System.Security.Cryptography;
using PolicyLang.Runtime.Model;
using Xunit;

namespace PolicyLang.Runtime.S3.Tests;

/// <summary><c>retain … by last-modified then archive to … as parquet then delete</c> on a prefix: one Parquet row per object, with its bytes.</summary>
public sealed class PrefixArchiveTests
{
    [Fact]
    public async Task Expired_objects_are_archived_with_their_bytes_before_they_are_deleted()
    {
        using var dir = new TempDir();
        var bucket = await S3Env.NewBucketAsync();
        var contents = new Dictionary<string, byte[]>();
        var random = new Random(5);
        for (var i = 0; i < 7; i++)
        {
            var body = new byte[1000 + i * 37_000];
            random.NextBytes(body);
            contents[$"raw/frame-{i}.fits"] = body;
            await S3Env.PutAsync(bucket, $"raw/frame-{i}.fits", body);
        }

        var s3 = M.S3(bucket, S3Env.Url);
        var prefix = Policies.Prefix(s3, "raw/", []);
        var raw = prefix.Datasets.Single() with
        {
            Retention = new RetentionModel(new Duration(30, DurationUnit.Day), null, "offsite", "parquet", "delete", [], M.Src),
        };

        // Sixty days on, every object is past the window.
        var report = await Run.PolicyAsync(prefix with { Datasets = [raw] }, dir, batch: 3, now: DateTimeOffset.UtcNow.AddDays(60));

        var retention = Assert.Single(report.Retention);
        Assert.Null(retention.Error);
        Assert.Equal(7, retention.Archived);
        Assert.Equal(7, retention.Deleted);
        Assert.Empty(await S3Env.ListAsync(bucket, "raw/"));
        var files = new List<string>();
        foreach (var o in (await S3Env.ListAsync(bucket, "testpolicy/raw/")).Where(o => o.Key.EndsWith(".parquet", StringComparison.Ordinal)))
        {
            var file = Path.Combine(dir.Path, $"a{files.Count}.parquet");
            await File.WriteAllBytesAsync(file, await S3Env.GetAsync(bucket, o.Key));
            files.Add(file);
        }

        Assert.Equal(3, files.Count);
        // BLOBs come back as streams over native memory freed with the reader: read them as hex text instead.
        var archived = dir.Query($"SELECT key, hex(content) FROM read_parquet([{string.Join(", ", files.Select(f => $"'{f}'"))}]) ORDER BY key")
            .ToDictionary(r => (string)r[0]!, r => Convert.ToHexString(SHA256.HashData(Convert.FromHexString((string)r[1]!))));
        Assert.Equal(contents.ToDictionary(kv => kv.Key, kv => Convert.ToHexString(SHA256.HashData(kv.Value))), archived);
    }
}
