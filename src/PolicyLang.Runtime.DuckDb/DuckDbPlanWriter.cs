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
            if (!IncrementalPlan.IsIncremental(dataset))
            {
                Rules(writer, dataset, dataset.Rules, new DatasetCheckRequest(dataset, StoreSide(dataset.Rules), now, policy));
            }
            else
            {
                writer.WriteLine($"-- dataset {dataset.Name}: {Plural.Of(dataset.Rules.Count, "rule")}, checked incrementally (docs/incremental-checks.md)");
                foreach (var (column, rules) in IncrementalPlan.Groups(dataset))
                {
                    writer.WriteLine("-- " + IncrementalPlan.Describe(column, rules));
                    var window = column is null ? null : IncrementalPlan.Placeholder(column);
                    if (window is not null)
                    {
                        Statement(writer, DuckDbStore.WatermarkQuery(dataset, window.Column, window.From));
                    }

                    Rules(writer, dataset, rules, new DatasetCheckRequest(dataset, StoreSide(rules), now, policy) { Window = window });
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

    private static List<RuleModel> StoreSide(IEnumerable<RuleModel> rules) => rules.Where(r => RuleSemantics.IsStoreSide(r.Kind)).ToList();

    // The statements checking `all` (store-side rules through `request`'s plan, csharp rules over one stream).
    private static void Rules(TextWriter writer, DatasetModel dataset, IReadOnlyList<RuleModel> all, DatasetCheckRequest request)
    {
        var plan = DuckDbCheckPlanner.Plan(request, 0);
        writer.WriteLine($"-- dataset {dataset.Name}: {Plural.Of(all.Count, "rule")} -> {Plural.Of(plan.Queries.Count + plan.Errors.Count, "query")}" +
            (all.Count > request.Rules.Count ? " (+ one projected stream for csharp rules)" : string.Empty));
        Statement(writer, plan.Queries[0]);
        foreach (var rule in request.Rules)
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
