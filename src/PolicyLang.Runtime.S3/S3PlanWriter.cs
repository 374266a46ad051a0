using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.S3;

/// <summary>
/// What <c>policyc plan</c> prints for an s3 store: the lifecycle rules of <see cref="S3NativeRetentionPlanner"/> (for datasets stored
/// here and datasets stored elsewhere that archive here), then the listing that checks each prefix dataset (<see cref="S3CheckPlanner"/>).
/// </summary>
internal static class S3PlanWriter
{
    public static void Write(PolicyModel policy, StoreModel store, DateTimeOffset now, TextWriter writer)
    {
        writer.Write(S3NativeRetentionPlanner.Render(policy with
        {
            Stores = [store],
            Datasets = [.. policy.Datasets.Where(d => d.Store == store.Name || d.Lifecycle.Any(r => r.ArchiveStore == store.Name || r.CopiesIn == store.Name))],
        }));
        foreach (var dataset in policy.Datasets.Where(d => d.Store == store.Name && d.LocationKind == LocationKind.Prefix && d.Rules.Count > 0))
        {
            var rules = dataset.Rules.Where(r => RuleSemantics.IsStoreSide(r.Kind)).ToList();
            var plan = S3CheckPlanner.Plan(new DatasetCheckRequest(dataset, rules, now, policy), 0);
            writer.WriteLine($"# Checks of dataset '{dataset.Name}': one listing of prefix '{dataset.Location}' for {Plural.Of(rules.Count, "rule")}" +
                (plan.RunnerRules.Count > 0 ? " (+ one listing streamed to its csharp rules)" : ""));
            foreach (var rule in rules.Where(r => plan.Errors.ContainsKey(r.Name)))
            {
                writer.WriteLine($"#   error: rule '{rule.Name}': {plan.Errors[rule.Name]}");
            }
        }
    }
}
