using Parquet;
using Parquet.Schema;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.S3;

// Archiving prefix objects: each object becomes one Parquet row (key, last_modified, size, etag, content).
public sealed partial class S3Store
{
    /// <summary>Object bytes buffered before a Parquet row group is written: bounds memory to about this plus one object.</summary>
    private const long RowGroupBytes = 64L * 1024 * 1024;

    private static readonly ParquetSchema ObjectSchema = new(
        new DataField<string>("key"), new DataField<DateTime>("last_modified"), new DataField<long>("size"),
        new DataField<string>("etag"), new DataField<byte[]>("content"));

    /// <summary>
    /// Writes the objects with <paramref name="keys"/> (in the order given: key order, as selected) to a Parquet file, one row per
    /// object with its bytes in <c>content</c>. An object that cannot be read (e.g. already in Glacier) fails the batch before any delete.
    /// </summary>
    public async Task<long> ExportAsync(DatasetModel dataset, IReadOnlyList<string> keys, string format, string localPath, CancellationToken ct)
    {
        RequirePrefix(dataset);
        if (format != "parquet")
        {
            throw new RunException($"dataset '{dataset.Name}': objects of an s3 prefix are archived as parquet (one row per object), not {format}");
        }

        await using var file = new FileStream(localPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        await using var writer = await ParquetWriter.CreateAsync(ObjectSchema, file, cancellationToken: ct).ConfigureAwait(false);
        var group = new List<(string Key, DateTime Modified, string Etag, byte[] Content)>();
        long buffered = 0, rows = 0;
        foreach (var key in keys)
        {
            var item = await ReadObjectAsync(key, ct).ConfigureAwait(false);
            if (item is null)
            {
                continue; // gone since selection: the count mismatch makes the protocol stop before deleting
            }

            group.Add(item.Value);
            buffered += item.Value.Content.Length;
            if (buffered >= RowGroupBytes)
            {
                rows += await WriteGroupAsync(writer, group, ct).ConfigureAwait(false);
                buffered = 0;
            }
        }

        rows += await WriteGroupAsync(writer, group, ct).ConfigureAwait(false);
        return rows;
    }

    private async Task<(string Key, DateTime Modified, string Etag, byte[] Content)?> ReadObjectAsync(string key, CancellationToken ct)
    {
        try
        {
            return await CallAsync("GetObject", key, async attempt =>
            {
                using var response = await client.GetObjectAsync(settings.Bucket, key, attempt.Token).ConfigureAwait(false);
                using var content = new MemoryStream();
                await CopyAsync(response.ResponseStream, content, null, attempt).ConfigureAwait(false);
                var modified = response.LastModified is { } t ? DateTime.SpecifyKind(t.ToUniversalTime(), DateTimeKind.Utc) : DateTime.UnixEpoch;
                return ((string Key, DateTime Modified, string Etag, byte[] Content)?)(key, modified, response.ETag ?? "", content.ToArray());
            }, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsNotFound(ex))
        {
            return null;
        }
    }

    private static async Task<long> WriteGroupAsync(ParquetWriter writer, List<(string Key, DateTime Modified, string Etag, byte[] Content)> group, CancellationToken ct)
    {
        if (group.Count == 0)
        {
            return 0;
        }

        using (var rowGroup = writer.CreateRowGroup())
        {
            var fields = ObjectSchema.DataFields;
            await rowGroup.WriteAsync(fields[0], group.Select(g => g.Key).ToArray()).ConfigureAwait(false);
            await rowGroup.WriteAsync<DateTime>(fields[1], group.Select(g => g.Modified).ToArray(), cancellationToken: ct).ConfigureAwait(false);
            await rowGroup.WriteAsync<long>(fields[2], group.Select(g => (long)g.Content.Length).ToArray(), cancellationToken: ct).ConfigureAwait(false);
            await rowGroup.WriteAsync(fields[3], group.Select(g => g.Etag).ToArray()).ConfigureAwait(false);
            await rowGroup.WriteAsync(fields[4], group.Select(g => g.Content).ToArray()).ConfigureAwait(false);
        }

        var count = group.Count;
        group.Clear();
        return count;
    }
}
