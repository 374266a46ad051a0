using System.Runtime.CompilerServices;
using Amazon.S3.Model;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.S3;

// Prefix datasets: the objects under a key prefix are the rows (key, size, last_modified, storage_class, etag).
public sealed partial class S3Store : ICheckExecutor<S3Query>
{
    /// <summary>The fields of an object row, as streamed to <c>csharp</c> rules and shown in samples.</summary>
    public static readonly IReadOnlyList<string> ObjectFields = ["key", "size", "last_modified", "storage_class", "etag"];

    /// <summary>Counts the rules of <paramref name="request"/> with <see cref="CheckProtocol"/> over the plan of <see cref="S3CheckPlanner"/>: one listing.</summary>
    public Task<DatasetCheckResult> CheckAsync(DatasetCheckRequest request, CancellationToken ct) =>
        CheckProtocol.CountAsync(S3CheckPlanner.Plan(request with { Dataset = RequirePrefix(request.Dataset) }, 0), this, ct);

    /// <inheritdoc />
    public Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> SampleAsync(DatasetCheckRequest request, RuleModel rule, int limit, CancellationToken ct) =>
        CheckProtocol.SampleAsync(S3CheckPlanner.Plan(request with { Dataset = RequirePrefix(request.Dataset) }, limit), rule, this, ct);

    async Task<IReadOnlyList<object?>> ICheckExecutor<S3Query>.CountAsync(S3Query query, DatasetModel dataset, CancellationToken ct)
    {
        var numbers = new long[1 + query.Cutoffs.Count];
        await foreach (var item in ListAsync(query.Prefix, ct).ConfigureAwait(false))
        {
            numbers[0]++;
            var modified = LastModified(item);
            for (var i = 0; i < query.Cutoffs.Count; i++)
            {
                if (modified >= query.Cutoffs[i])
                {
                    numbers[i + 1]++;
                }
            }
        }

        return numbers.Cast<object?>().ToList();
    }

    // The newest objects show how stale the prefix is.
    async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ICheckExecutor<S3Query>.SampleAsync(S3Query query, DatasetModel dataset, CancellationToken ct)
    {
        var newest = new PriorityQueue<S3Object, DateTimeOffset>();
        await foreach (var item in ListAsync(query.Prefix, ct).ConfigureAwait(false))
        {
            newest.Enqueue(item, LastModified(item));
            if (newest.Count > query.Newest)
            {
                newest.Dequeue();
            }
        }

        var rows = new List<IReadOnlyDictionary<string, object?>>();
        while (newest.TryDequeue(out var item, out _))
        {
            rows.Insert(0, Row(item));
        }

        return rows;
    }

    // Every S3 failure is already a RunException naming the call: none is a rule's own.
    string? ICheckExecutor<S3Query>.Rejection(Exception failure, DatasetModel dataset) => null;

    /// <inheritdoc />
    public async IAsyncEnumerable<IReadOnlyDictionary<string, object?>> StreamAsync(DatasetModel dataset, IReadOnlyList<string> fields, [EnumeratorCancellation] CancellationToken ct)
    {
        RequirePrefix(dataset);
        await foreach (var item in ListAsync(dataset.Location, ct).ConfigureAwait(false))
        {
            yield return Row(item);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SchemaFinding>> CheckSchemaAsync(DatasetModel dataset, CancellationToken ct)
    {
        RequirePrefix(dataset);
        // Objects have fixed fields; declared columns describe object contents, which a listing cannot see.
        return Task.FromResult<IReadOnlyList<SchemaFinding>>(dataset.Columns
            .Where(c => !ObjectFields.Contains(c.Name, StringComparer.Ordinal))
            .Select(c => new SchemaFinding(c.Name, "missing", c.Type, "objects of an s3 prefix have only " + string.Join(", ", ObjectFields)))
            .ToList());
    }

    internal static DateTimeOffset LastModified(S3Object item) =>
        item.LastModified is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.MinValue;

    private static Dictionary<string, object?> Row(S3Object item) => new(StringComparer.Ordinal)
    {
        ["key"] = item.Key,
        ["size"] = item.Size,
        ["last_modified"] = LastModified(item),
        ["storage_class"] = item.StorageClass?.Value,
        ["etag"] = item.ETag,
    };

    private DatasetModel RequirePrefix(DatasetModel dataset) => dataset.LocationKind == LocationKind.Prefix
        ? dataset
        : throw new RunException($"dataset '{dataset.Name}': store '{Model.Name}' is an s3 store and holds prefix datasets only, not a {dataset.LocationKind.ToString().ToLowerInvariant()}");
}
