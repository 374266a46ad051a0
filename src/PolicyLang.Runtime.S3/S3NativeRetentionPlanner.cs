using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.S3;

/// <summary>
/// Derives the S3 Lifecycle configuration equivalent to a policy's prefix retention, for <c>policyc plan</c>, so an operator can
/// let S3 enforce it server-side. S3 enforces: expiration of prefix objects by age and aborting abandoned multipart uploads.
/// Only the runner does: rules (<c>objects at least</c>, <c>object-age fresher than</c>), archiving before delete, exact
/// cutoffs (S3 counts whole days and acts asynchronously), and the audit trail.
/// </summary>
public static class S3NativeRetentionPlanner
{
    /// <summary>Days after which abandoned multipart uploads of archive batches are aborted.</summary>
    public const int AbortIncompleteUploadsAfterDays = 7;

    private static readonly XNamespace S3Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    /// <summary>The lifecycle rules per s3 store of <paramref name="policy"/>.</summary>
    public static S3LifecyclePlan Plan(PolicyModel policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var runnerOnly = new List<string>();
        var buckets = new List<S3BucketLifecycle>();
        foreach (var store in policy.Stores.Where(s => s.Kind == "s3"))
        {
            var rules = new List<S3LifecycleRule>();
            foreach (var dataset in policy.Datasets.Where(d => d.Store == store.Name && d.LocationKind == LocationKind.Prefix))
            {
                foreach (var rule in dataset.Rules)
                {
                    runnerOnly.Add($"dataset '{dataset.Name}': rule '{rule.Name}' is checked by the runner; S3 has no equivalent");
                }

                if (dataset.Retention is not { } retention)
                {
                    continue;
                }

                if (retention.ArchiveStore is not null || retention.Action != "delete")
                {
                    runnerOnly.Add($"dataset '{dataset.Name}': 'retain {retention.Window}' {(retention.ArchiveStore is null ? retention.Action + "s" : "archives before deleting")}; only the runner can do that");
                    continue;
                }

                rules.Add(new S3LifecycleRule($"policylang-{policy.Name}-{dataset.Name}", dataset.Location, Days(retention.Window), null,
                    $"dataset '{dataset.Name}': retain {retention.Window} by last-modified then delete"));
                runnerOnly.Add($"dataset '{dataset.Name}': S3 expires objects {Days(retention.Window)} days after creation, at its own pace; the runner deletes them at the exact cutoff ({retention.Window}) and audits each batch");
            }

            foreach (var dataset in policy.Datasets.Where(d => d.Lifecycle.Any(r => r.ArchiveStore == store.Name)))
            {
                runnerOnly.Add(DescribeArchive(policy, dataset, store));
            }
            // Not an S3 expiration rule: the runner deletes only batches it verified complete, reads each back gone and audits it.
            foreach (var (dataset, expiry) in policy.Datasets.SelectMany(d => d.Lifecycle.Where(r => r.CopiesIn == store.Name).Select(r => (d, r))))
            {
                runnerOnly.Add($"dataset '{dataset.Name}': archived batches under s3://{BucketOf(store)}/{policy.Name}/{dataset.Name}/ are deleted by the runner once every row in them is older than {expiry.Window} (complete batches only, each read back gone and audited)");
            }

            if (policy.Datasets.Any(d => d.Lifecycle.Any(r => r.ArchiveStore == store.Name)))
            {
                rules.Add(new S3LifecycleRule($"policylang-{policy.Name}-abort-incomplete-uploads", $"{policy.Name}/", null, AbortIncompleteUploadsAfterDays,
                    "archive batches: multipart uploads interrupted by a crash or outage are aborted (the runner re-uploads the batch)"));
                runnerOnly.Add($"store '{store.Name}': archive batches are written, verified and only then deleted at the source by the runner");
            }

            if (rules.Count > 0)
            {
                buckets.Add(new S3BucketLifecycle(store.Name, BucketOf(store), rules));
            }
        }

        return new S3LifecyclePlan(buckets, runnerOnly);
    }

    /// <summary>
    /// The plan as text for <c>policyc plan</c>: per bucket the JSON that <c>aws s3api put-bucket-lifecycle-configuration</c> takes,
    /// then what the runner enforces itself. Empty buckets list → a line saying S3 has nothing to enforce.
    /// </summary>
    public static string Render(PolicyModel policy)
    {
        var plan = Plan(policy);
        var text = new StringBuilder();
        if (plan.Buckets.Count == 0)
        {
            text.AppendLine("# No S3 Lifecycle rules: no s3 prefix retention or archive in this policy.");
        }

        foreach (var bucket in plan.Buckets)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"# S3 Lifecycle for bucket '{bucket.Bucket}' (store '{bucket.Store}'). Replaces the bucket's lifecycle rules; merge with existing ones first:");
            text.AppendLine(CultureInfo.InvariantCulture, $"#   aws s3api put-bucket-lifecycle-configuration --bucket {bucket.Bucket} --lifecycle-configuration file://lifecycle.json");
            text.AppendLine(RenderJson(bucket));
        }

        if (plan.RunnerOnly.Count > 0)
        {
            text.AppendLine("# Enforced by the runner (policyc run), not by S3:");
            foreach (var line in plan.RunnerOnly)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"#   {line}");
            }
        }

        return text.ToString();
    }

    /// <summary>The configuration as the JSON the AWS CLI takes (<c>{"Rules":[...]}</c>).</summary>
    public static string RenderJson(S3BucketLifecycle bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var rules = bucket.Rules.Select(r =>
        {
            var rule = new Dictionary<string, object> { ["ID"] = r.Id, ["Filter"] = new Dictionary<string, string> { ["Prefix"] = r.Prefix }, ["Status"] = "Enabled" };
            if (r.ExpirationDays is { } days)
            {
                rule["Expiration"] = new Dictionary<string, int> { ["Days"] = days };
            }

            if (r.AbortIncompleteMultipartUploadDays is { } abort)
            {
                rule["AbortIncompleteMultipartUpload"] = new Dictionary<string, int> { ["DaysAfterInitiation"] = abort };
            }

            return rule;
        }).ToList();
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["Rules"] = rules }, new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The configuration as the XML body of the S3 REST API's PutBucketLifecycleConfiguration.</summary>
    public static string RenderXml(S3BucketLifecycle bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var root = new XElement(S3Ns + "LifecycleConfiguration", bucket.Rules.Select(r => new XElement(S3Ns + "Rule",
            new XElement(S3Ns + "ID", r.Id),
            new XElement(S3Ns + "Filter", new XElement(S3Ns + "Prefix", r.Prefix)),
            new XElement(S3Ns + "Status", "Enabled"),
            r.ExpirationDays is { } days ? new XElement(S3Ns + "Expiration", new XElement(S3Ns + "Days", days)) : null,
            r.AbortIncompleteMultipartUploadDays is { } abort
                ? new XElement(S3Ns + "AbortIncompleteMultipartUpload", new XElement(S3Ns + "DaysAfterInitiation", abort)) : null)));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root).Declaration + Environment.NewLine + root;
    }

    /// <summary>
    /// Whole days S3 waits before expiring: never fewer than the policy keeps objects (months count 31 days, years 366,
    /// anything under a day rounds up to S3's minimum of 1), so S3 never deletes earlier than the policy allows.
    /// </summary>
    public static int Days(Duration window) => Math.Max(1, window.Unit switch
    {
        DurationUnit.Minute => (int)Math.Ceiling(window.Amount / 1440.0),
        DurationUnit.Hour => (int)Math.Ceiling(window.Amount / 24.0),
        DurationUnit.Day => window.Amount,
        DurationUnit.Week => 7 * window.Amount,
        DurationUnit.Month => 31 * window.Amount,
        DurationUnit.Year => 366 * window.Amount,
        _ => throw new ArgumentOutOfRangeException(nameof(window), window.Unit, "unknown duration unit"),
    });

    /// <summary>Where and how a dataset (stored in any store) is archived to this s3 store: target, format, storage class, encryption, verification.</summary>
    private static string DescribeArchive(PolicyModel policy, DatasetModel dataset, StoreModel store)
    {
        var retention = dataset.Lifecycle.First(r => r.ArchiveStore == store.Name);
        var encryption = Setting(store, "encryption") is { } sse
            ? sse == "kms" ? $"SSE-KMS with key {Setting(store, "encryption-key") ?? "(none declared)"}" : $"SSE ({sse})"
            : "none requested (the bucket's default applies)";
        return $"dataset '{dataset.Name}' (store '{dataset.Store}'): archived before {retention.Action} to s3://{BucketOf(store)}/{policy.Name}/{dataset.Name}/ "
            + $"as {retention.ArchiveFormat ?? "parquet"}, storage class {Setting(store, "storage-class") ?? "standard"}, encryption {encryption}; "
            + "each batch is verified (the SHA-256 checksum S3 reports, else a full read-back of its SHA-256 and row count) before its rows are deleted";
    }

    private static string? Setting(StoreModel store, string key) =>
        store.Settings.TryGetValue(key, out var value) ? value.Literal ?? $"${{{value.EnvironmentVariable}}}" : null;

    private static string BucketOf(StoreModel store) =>
        store.Settings.TryGetValue("bucket", out var bucket)
            ? bucket.Literal ?? $"${{{bucket.EnvironmentVariable}}}"
            : "(no bucket declared)";
}
