using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using Parquet.Serialization;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>PostgreSQL rows archived into the local S3 server (POLICYLANG_TEST_S3_URL): read back equal to the deleted rows.</summary>
public sealed class S3ArchiveTests(PgDatabase db) : IClassFixture<PgDatabase>, IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Expired_rows_archive_to_s3_and_read_back_equal_the_deleted_rows_by_key_and_content_hash()
    {
        const int expired = 23, fresh = 7;
        await db.ExecAsync(
            "CREATE TABLE events (id bigint PRIMARY KEY, payload text, amount double precision, created timestamptz NOT NULL)",
            $"""
            INSERT INTO events
            SELECT g,
                   CASE WHEN g % 7 = 0 THEN NULL ELSE 'payload "' || g || E'" \'; ünïcødé ✓ 日本 🙂 ' || repeat('x', g) END,
                   CASE WHEN g % 5 = 0 THEN NULL ELSE g * 1.25 + 1.0 / 3 END,
                   CASE WHEN g <= {expired} THEN timestamptz '{M.Now.AddDays(-100):yyyy-MM-dd HH:mm:ss}+00' + g * interval '1 hour 1.234567 second'
                        ELSE timestamptz '{M.Now.AddDays(-1):yyyy-MM-dd HH:mm:ss}+00' + g * interval '1 minute' END
            FROM generate_series(1, {expired + fresh}) g
            """);
        var original = await TableAsync();
        Assert.Equal(expired + fresh, original.Count);
        Assert.Contains(original, r => r.Payload is null);
        Assert.Contains(original, r => r.Amount is null);
        var bucket = await S3Env.NewBucketAsync();
        using var client = S3Env.Client();

        var report = await Runtime.Running.PolicyRunner.RunAsync(new TestPolicy(EventsPolicy.For("postgres", s3: M.S3(bucket, S3Env.Url))), M.PostgresOptions(db.ConnectionString, dir.Path, batchSize: 10), CancellationToken.None);

        var retention = Assert.Single(report.Retention);
        Assert.Null(retention.Error);
        Assert.Equal((expired, expired, 3), (retention.Archived, retention.Deleted, retention.Batches));
        var kept = await TableAsync();
        Assert.Equal(original.Where(r => r.Id > expired).Select(Canonical), kept.Select(Canonical));

        var objects = await S3Env.ListAsync(bucket);
        var data = objects.Where(o => o.Key.EndsWith(".parquet", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, data.Count);
        Assert.All(objects, o => Assert.Matches(@"^testpolicy/events/[0-9TZ]+/[0-9a-f]{16}\.(parquet|manifest\.json|done)$", o.Key));
        var archived = new List<Row>();
        foreach (var o in data)
        {
            using var response = await client.GetObjectAsync(bucket, o.Key);
            using var body = new MemoryStream();
            await response.ResponseStream.CopyToAsync(body);
            body.Position = 0;
            archived.AddRange((await ParquetSerializer.DeserializeAsync<PostgresEvents.ParquetEvent>(body)).Data
                .Select(e => new Row(e.id!.Value, e.payload, e.amount, e.created!.Value)));
        }

        Assert.Equal(ByKeyAndHash(original.Where(r => r.Id <= expired)), ByKeyAndHash(archived));

        foreach (var o in objects)
        {
            var head = await client.GetObjectMetadataAsync(bucket, o.Key);
            var expected = o.Key.EndsWith(".parquet", StringComparison.Ordinal) ? S3StorageClass.Glacier : S3StorageClass.Standard;
            Assert.Equal(expected, head.StorageClass ?? S3StorageClass.Standard);
        }
    }

    private sealed record Row(long Id, string? Payload, double? Amount, DateTime Created);

    /// <summary>An unambiguous text form of a row: a JSON array, the instant as UTC with microseconds, doubles round-trip exact.</summary>
    private static string Canonical(Row r) => JsonSerializer.Serialize(new object?[]
    {
        r.Id, r.Payload, r.Amount?.ToString("R", CultureInfo.InvariantCulture),
        DateTime.SpecifyKind(r.Created.Kind == DateTimeKind.Local ? r.Created.ToUniversalTime() : r.Created, DateTimeKind.Utc)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
    });

    /// <summary>The multiset of (key, SHA-256 of the canonical row), ordered.</summary>
    private static List<(long, string)> ByKeyAndHash(IEnumerable<Row> rows) =>
        rows.Select(r => (r.Id, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(r)))))).Order().ToList();

    private async Task<List<Row>> TableAsync() =>
        (await db.QueryAsync("SELECT id, payload, amount, created FROM events ORDER BY id"))
            .Select(r => new Row((long)r[0]!, (string?)r[1], (double?)r[2], (DateTime)r[3]!)).ToList();
}
