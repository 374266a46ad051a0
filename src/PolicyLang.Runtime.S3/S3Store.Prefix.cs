using System.Runtime.CompilerServices;
using Amazon.S3.Model;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.S3;

// Prefix datasets: the objects under a key prefix are the rows (key, size, last_modified, storage_class, etag).
public sealed partial class S3Store
{
    /// <summary>The fields of an object row, as streamed to <c>csharp</c> rules and shown in samples.</summary>
    public static readonly IReadOnlyList<string> ObjectFields = ["key", "size", "last_modified", "storage_class", "etag"];

    /// <inheritdoc />
    public async Task<DatasetCheckResult> CheckAsync(DatasetCheckRequest request, CancellationToken ct)
    {
        var dataset = RequirePrefix(request.Dataset);
        var windows = request.Rules.Select(r => r.Kind == RuleKind.ObjectAgeFresherThan && r.Window is { } w ? w.Before(request.Now) : (DateTimeOffset?)null).ToArray();
        var fresh = new long[request.Rules.Count];
        long total = 0;
        // One listing answers every rule.
        await foreach (var item in ListAsync(dataset.Location, ct).ConfigureAwait(false))
        {
            total++;
            var modified = LastModified(item);
            for (var i = 0; i < windows.Length; i++)
                if (windows[i] is { } cutoff && modified >= cutoff) fresh[i]++;
        }
        var counts = request.Rules.Select((rule, i) => rule.Kind switch
        {
            RuleKind.ObjectsAtLeast => new RuleCounts(rule.Name, Math.Max(0, Convert.ToInt64(rule.Args[0], System.Globalization.CultureInfo.InvariantCulture) - total), total),
            // Fails when no object is inside the window (the newest object is too old), including an empty prefix.
            RuleKind.ObjectAgeFresherThan => new RuleCounts(rule.Name, fresh[i] > 0 ? 0 : Math.Max(total, 1), total, fresh[i]),
            _ => new RuleCounts(rule.Name, 0, total, Error: $"rule kind '{rule.Kind}' does not apply to the objects of an s3 prefix"),
        }).ToList();
        return new DatasetCheckResult(total, counts, 1);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> SampleAsync(DatasetCheckRequest request, RuleModel rule, int limit, CancellationToken ct)
    {
        var dataset = RequirePrefix(request.Dataset);
        if (rule.Kind != RuleKind.ObjectAgeFresherThan) return [];
        // The newest objects show how stale the prefix is.
        var newest = new PriorityQueue<S3Object, DateTimeOffset>();
        await foreach (var item in ListAsync(dataset.Location, ct).ConfigureAwait(false))
        {
            newest.Enqueue(item, LastModified(item));
            if (newest.Count > limit) newest.Dequeue();
        }
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        while (newest.TryDequeue(out var item, out _)) rows.Insert(0, Row(item));
        return rows;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<IReadOnlyDictionary<string, object?>> StreamAsync(DatasetModel dataset, IReadOnlyList<string> fields, [EnumeratorCancellation] CancellationToken ct)
    {
        RequirePrefix(dataset);
        await foreach (var item in ListAsync(dataset.Location, ct).ConfigureAwait(false))
            yield return Row(item);
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
