using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;
using PolicyLang.Runtime.Reporting;

namespace PolicyLang.Runtime.DuckDb;

/// <summary>Writes the SQL a check run sends to a DuckDB store, dataset by dataset.</summary>
internal static class DuckDbPlanner
{
    public static void Write(PolicyModel policy, StoreModel store, DateTimeOffset now, TextWriter writer)
    {
        foreach (var dataset in policy.Datasets.Where(d => d.Store == store.Name))
        {
            var rules = dataset.Rules.Where(r => r.Kind != RuleKind.CSharp).ToList();
            var statements = DuckDbStore.Plan(new DatasetCheckRequest(dataset, rules, now, policy));
            writer.WriteLine($"-- dataset {dataset.Name}: {Plural.Of(dataset.Rules.Count, "rule")} -> {Plural.Of(statements.Count, "query")}" +
                (rules.Count < dataset.Rules.Count ? " (+ one projected stream for csharp rules)" : string.Empty));
            foreach (var (sql, parameters) in statements)
            {
                writer.WriteLine(sql.StartsWith("--", StringComparison.Ordinal) ? sql : sql + ";");
                if (!string.IsNullOrEmpty(parameters))
                {
                    writer.WriteLine($"  -- parameters: {parameters}");
                }
            }

            foreach (var retention in dataset.Lifecycle.Where(r => r.CopiesIn is null))
            {
                var by = retention.ByColumn is null ? "last-modified" : Sql.Id(retention.ByColumn);
                writer.WriteLine($"-- retention: rows with {by} < {Values.Instant(retention.Window.Before(now))} (keep {retention.Window}), " +
                    $"batched by {dataset.Key ?? "rowid"}, {(retention.ArchiveStore is null ? "" : $"archived to '{retention.ArchiveStore}' as {retention.ArchiveFormat}, verified, then ")}{retention.Action}d");
            }

            writer.WriteLine();
        }
    }
}
