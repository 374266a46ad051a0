using Amazon.S3.Model;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.S3;

// Retention of prefix datasets by last-modified: the object key is the row key.
public sealed partial class S3Store
{
    /// <summary>DeleteObjects accepts at most this many keys per request.</summary>
    private const int DeleteObjectsLimit = 1000;

    /// <inheritdoc />
    public async Task<long> CountExpiredAsync(RetentionSelection selection, CancellationToken ct)
    {
        var dataset = RequireLastModified(selection);
        long count = 0;
        await foreach (var item in ListAsync(dataset.Location, ct).ConfigureAwait(false))
        {
            if (LastModified(item) < selection.Cutoff)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> expired keys in key order. The contract asks for oldest first; a listing is key-ordered and
    /// sorting by age would need the whole listing in memory, so prefixes take the first expired keys of the listing instead.
    /// Every batch still holds only expired objects, and the next batch starts where this one ends (deleted keys are gone).
    /// </summary>
    public async Task<IReadOnlyList<string>> SelectExpiredKeysAsync(RetentionSelection selection, int limit, CancellationToken ct)
    {
        var dataset = RequireLastModified(selection);
        var keys = new List<string>(Math.Min(limit, DeleteObjectsLimit));
        await foreach (var item in ListAsync(dataset.Location, ct).ConfigureAwait(false))
        {
            if (LastModified(item) >= selection.Cutoff)
            {
                continue;
            }

            keys.Add(item.Key);
            if (keys.Count >= limit)
            {
                break;
            }
        }

        return keys;
    }

    /// <summary>
    /// Deletes exactly <paramref name="keys"/> with DeleteObjects, 1,000 keys per request. S3 has no transactions:
    /// <paramref name="beforeCommit"/> runs before the first request, and an interrupted delete leaves the remaining keys
    /// expired, so the next run selects and deletes them.
    /// </summary>
    public async Task<long> DeleteAsync(DatasetModel dataset, IReadOnlyList<string> keys, Func<ValueTask>? beforeCommit, CancellationToken ct)
    {
        RequirePrefix(dataset);
        // INVARIANT: retention never deletes outside the dataset's prefix, whatever keys it is handed.
        var outside = keys.FirstOrDefault(k => !k.StartsWith(dataset.Location, StringComparison.Ordinal));
        if (outside is not null)
        {
            throw new RunException($"dataset '{dataset.Name}': refusing to delete '{outside}', which is outside prefix '{dataset.Location}'");
        }

        if (beforeCommit is not null)
        {
            await beforeCommit().ConfigureAwait(false);
        }

        long deleted = 0;
        foreach (var chunk in keys.Chunk(DeleteObjectsLimit))
        {
            var request = new DeleteObjectsRequest
            {
                BucketName = settings.Bucket,
                Objects = chunk.Select(k => new KeyVersion { Key = k }).ToList(),
            };
            var response = await CallAsync("DeleteObjects", $"{chunk[0]} .. {chunk[^1]}", t => client.DeleteObjectsAsync(request, t), ct).ConfigureAwait(false);
            if (response.DeleteErrors is { Count: > 0 } errors)
            {
                throw new RunException($"dataset '{dataset.Name}': S3 refused to delete {errors.Count} objects, first '{errors[0].Key}': {errors[0].Code} {errors[0].Message}");
            }

            deleted += response.DeletedObjects?.Count ?? 0;
        }

        return deleted;
    }

    /// <inheritdoc />
    public Task<long> AnonymizeAsync(DatasetModel dataset, IReadOnlyList<string> keys, IReadOnlyList<string> columns, Func<ValueTask>? beforeCommit, CancellationToken ct) =>
        throw new RunException($"dataset '{dataset.Name}': objects of an s3 prefix have no columns to anonymize; use delete");

    private DatasetModel RequireLastModified(RetentionSelection selection)
    {
        var dataset = RequirePrefix(selection.Dataset);
        if (selection.Retention.ByColumn is { } column)
        {
            throw new RunException($"dataset '{dataset.Name}': objects of an s3 prefix are aged by last-modified, not by '{column}'");
        }
        // INVARIANT: prefix retention never deletes this store's archive objects (<policy>/...), which guard rows deleted elsewhere.
        if (this.policy is { } policy && policy.Datasets.Any(d => d.Lifecycle.Any(r => r.ArchiveStore == Model.Name)))
        {
            var archive = policy.Name + "/";
            if (archive.StartsWith(dataset.Location, StringComparison.Ordinal) || dataset.Location.StartsWith(archive, StringComparison.Ordinal))
            {
                throw new RunException($"dataset '{dataset.Name}': prefix '{dataset.Location}' overlaps the archive objects '{archive}' of store '{Model.Name}'; refusing to apply retention there");
            }
        }

        return dataset;
    }
}
