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
            var storeRules = dataset.Rules.Where(r => RuleSemantics.IsStoreSide(r.Kind)).ToList();
            var plan = MongoDbCheckPlanner.Plan(new DatasetCheckRequest(dataset, storeRules, now, policy), 0);
            var stages = plan.Queries[0].Stages!;
            writer.WriteLine($"  checks: one aggregate ({(stages[0].Contains("$facet") ? "$facet" : "$group")}) for {Plural.Of(storeRules.Count, "rule")}");
            foreach (var rule in storeRules.Where(r => plan.Errors.ContainsKey(r.Name)))
            {
                writer.WriteLine($"  error: rule '{rule.Name}': {plan.Errors[rule.Name]}");
            }

            foreach (var warning in plan.Warnings)
            {
                writer.WriteLine($"  warning: {warning}");
            }

            writer.WriteLine(Indent(MongoDbCheckPipeline.ToJson(MongoDbCheckPipeline.Render(stages))));
            if (plan.RunnerRules.Count > 0)
            {
                var fields = new List<string>(MongoDbStore.KeyFields(dataset));
                fields.AddRange(plan.RunnerFields.Where(f => !fields.Contains(f, StringComparer.Ordinal)));
                writer.WriteLine($"  csharp rules ({string.Join(", ", plan.RunnerRules.Select(r => r.Name))}): one find streaming {MongoDbStore.Projection(fields).ToJson()}");
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

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(l => "    " + l));
}
