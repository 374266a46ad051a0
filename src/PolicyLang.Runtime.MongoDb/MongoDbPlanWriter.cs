using MongoDB.Bson;
using MongoDB.Bson.IO;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.MongoDb;

/// <summary>
/// What <c>policyc plan</c> prints for the <c>mongodb</c> datasets of a policy, without a server: each collection's one
/// pipeline, its warnings and unsupported rules, the projection streamed to <c>csharp</c> rules, and the TTL index plan.
/// </summary>
internal static class MongoDbPlanWriter
{
    /// <summary>Writes the plan of every dataset of <paramref name="policy"/> stored in a <c>mongodb</c> store, as of <paramref name="now"/>.</summary>
    public static void Write(PolicyModel policy, DateTimeOffset now, TextWriter writer)
    {
        var mongoStores = policy.Stores.Where(s => string.Equals(s.Kind, "mongodb", StringComparison.OrdinalIgnoreCase)).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var dataset in policy.Datasets.Where(d => mongoStores.Contains(d.Store)))
        {
            writer.WriteLine($"dataset {dataset.Name} (collection '{dataset.Location}' in store '{dataset.Store}')");
            if (!IncrementalPlan.IsIncremental(dataset))
            {
                Checks(writer, dataset, dataset.Rules, policy, now, window: null);
            }
            else
            {
                foreach (var (column, rules) in IncrementalPlan.Groups(dataset))
                {
                    writer.WriteLine("  " + IncrementalPlan.Describe(column, rules));
                    var window = column is null ? null : IncrementalPlan.Placeholder(column);
                    if (window is not null)
                    {
                        writer.WriteLine($"  new watermark: one find {MongoDbStore.WatermarkFilter(window.Column, window.From).ToJson()} sorted by {{ \"{window.Column}\" : -1 }}, limit 1");
                    }

                    Checks(writer, dataset, rules, policy, now, window);
                }
            }

            var ttl = MongoDbNativeRetentionPlanner.Plan(dataset, out var reason);
            if (ttl is not null)
            {
                writer.WriteLine("  retention: enforceable by a TTL index (--apply creates or updates it):");
                writer.WriteLine(Indent(ttl.CreateCommand().ToJson(new JsonWriterSettings { Indent = true, IndentChars = "  " }).Replace("\r\n", "\n", StringComparison.Ordinal)));
            }
            else if (dataset.Retention is not null)
            {
                writer.WriteLine($"  retention: runner batches (no TTL index: {reason})");
            }
        }
    }

    // The one aggregate checking `rules` (within `window`, when incremental), its errors and warnings, and the csharp rules' stream.
    private static void Checks(TextWriter writer, DatasetModel dataset, IReadOnlyList<RuleModel> rules, PolicyModel policy, DateTimeOffset now, CheckWindow? window)
    {
        var storeRules = rules.Where(r => RuleSemantics.IsStoreSide(r.Kind)).ToList();
        var plan = MongoDbCheckPlanner.Plan(new DatasetCheckRequest(dataset, storeRules, now, policy) { Window = window }, 0);
        var stages = plan.Queries[0].Stages!;
        writer.WriteLine($"  checks: one aggregate ({(stages.Any(s => s.Contains("$facet")) ? "$facet" : "$group")}) for {Plural.Of(storeRules.Count, "rule")}");
        foreach (var rule in storeRules.Where(r => plan.Errors.ContainsKey(r.Name)))
        {
            writer.WriteLine($"  error: rule '{rule.Name}': {plan.Errors[rule.Name]}");
        }

        foreach (var warning in plan.Warnings)
        {
            writer.WriteLine($"  warning: {warning}");
        }

        writer.WriteLine(Indent(MongoDbCheckPipeline.ToJson(MongoDbCheckPipeline.Render(stages))));
        var runnerRules = rules.Where(r => !RuleSemantics.IsStoreSide(r.Kind)).ToList();
        if (runnerRules.Count > 0)
        {
            var fields = new List<string>(MongoDbStore.KeyFields(dataset));
            fields.AddRange(runnerRules.SelectMany(r => r.Fields).Concat(window is null ? [] : [window.Column]).Where(f => !fields.Contains(f, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal));
            writer.WriteLine($"  csharp rules ({string.Join(", ", runnerRules.Select(r => r.Name))}): one find streaming {MongoDbStore.Projection(fields).ToJson()}" +
                (window is null ? string.Empty : $", rows outside the window skipped"));
        }
    }

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(l => "    " + l));
}
