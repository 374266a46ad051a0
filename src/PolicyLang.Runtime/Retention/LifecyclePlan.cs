using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Retention;

/// <summary>The lifecycle chains of a policy as <c>policyc plan</c> prints them: each stage, what it selects as of a time, and where it acts.</summary>
public static class LifecyclePlan
{
    /// <summary>Writes one block per dataset whose lifecycle has more than one stage (a single stage is described by its store's plan).</summary>
    public static void Write(PolicyModel policy, DateTimeOffset now, TextWriter writer)
    {
        foreach (var dataset in policy.Datasets.Where(d => d.Lifecycle.Count > 1))
        {
            writer.WriteLine($"== lifecycle of {dataset.Name} ({dataset.Lifecycle.Count} stages; rows stages run in this order, then archive expiry)");
            for (var i = 0; i < dataset.Lifecycle.Count; i++)
            {
                writer.WriteLine($"   {i + 1}. {Describe(policy, dataset, dataset.Lifecycle[i], now)}");
            }

            writer.WriteLine();
        }
    }

    private static string Describe(PolicyModel policy, DatasetModel dataset, RetentionModel stage, DateTimeOffset now)
    {
        var by = stage.ByColumn ?? "last-modified";
        var cutoff = Values.Instant(stage.Window.Before(now));
        if (stage.CopiesIn is { } store)
        {
            return $"after {stage.Window}: delete the complete archive batches under '{store}' {policy.Name}/{dataset.Name}/ whose cutoff is at or before {cutoff} "
                + "(every row in them older than that by " + by + "), each read back gone and audited";
        }

        var archive = stage.ArchiveStore is { } a ? $"archive to '{a}' as {stage.ArchiveFormat ?? "parquet"}, verify, then " : "";
        var action = stage.Action == "anonymize" ? $"anonymize {string.Join(", ", stage.AnonymizeColumns)} (set to null, once)" : "delete";
        return $"after {stage.Window}: rows of '{dataset.Store}' {dataset.Location} with {by} < {cutoff}: {archive}{action}";
    }
}
