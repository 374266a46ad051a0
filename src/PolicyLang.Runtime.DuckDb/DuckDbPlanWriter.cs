using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.DuckDb;

/// <summary>Writes what a check run sends to a DuckDB store, dataset by dataset: the statements of <see cref="DuckDbCheckPlanner"/>'s plan.</summary>
internal static class DuckDbPlanWriter
{
    public static void Write(PolicyModel policy, StoreModel store, DateTimeOffset now, TextWriter writer)
    {
        foreach (var dataset in policy.Datasets.Where(d => d.Store == store.Name))
        {
            var rules = dataset.Rules.Where(r => RuleSemantics.IsStoreSide(r.Kind)).ToList();
            var plan = DuckDbCheckPlanner.Plan(new DatasetCheckRequest(dataset, rules, now, policy), 0);
            writer.WriteLine($"-- dataset {dataset.Name}: {Plural.Of(dataset.Rules.Count, "rule")} -> {Plural.Of(plan.Queries.Count + plan.Errors.Count, "query")}" +
                (plan.RunnerRules.Count > 0 ? " (+ one projected stream for csharp rules)" : string.Empty));
            Statement(writer, plan.Queries[0]);
            foreach (var rule in rules)
            {
                if (plan.Errors.TryGetValue(rule.Name, out var error))
                {
                    writer.WriteLine($"-- {rule.Name}: {error}");
                }
                else if (plan.Queries.Skip(1).FirstOrDefault(q => q.Rules.Contains(rule.Name)) is { } alone)
                {
                    Statement(writer, alone);
                }
            }

            foreach (var retention in dataset.Lifecycle.Where(r => r.CopiesIn is null))
            {
                var by = retention.ByColumn is null ? "last-modified" : Sql.Id(retention.ByColumn);
                writer.WriteLine($"-- retention: rows with {by} < {Values.Instant(retention.Window.Before(now))} (keep {retention.Window}), " +
                    $"batched by {(dataset.HasKey ? string.Join(", ", dataset.KeyColumns) : "rowid")}, {(retention.ArchiveStore is null ? "" : $"archived to '{retention.ArchiveStore}' as {retention.ArchiveFormat}, verified, then ")}{retention.Action}d");
            }

            writer.WriteLine();
        }
    }

    private static void Statement(TextWriter writer, DuckDbQuery query)
    {
        writer.WriteLine(query.Sql + ";");
        if (query.Parameters.Describe() is { Length: > 0 } parameters)
        {
            writer.WriteLine($"  -- parameters: {parameters}");
        }
    }
}
