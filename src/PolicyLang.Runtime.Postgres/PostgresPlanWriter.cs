using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

/// <summary>What <c>policyc plan</c> prints for a postgres store: the exact SQL of each dataset's <see cref="PostgresCheckPlanner"/> plan, with bound values.</summary>
internal static class PostgresPlanWriter
{
    public static void Write(PolicyModel policy, StoreModel store, DateTimeOffset now, TextWriter writer)
    {
        foreach (var dataset in policy.Datasets.Where(d => d.Store == store.Name))
        {
            if (!IncrementalPlan.IsIncremental(dataset))
            {
                Rules(writer, PostgresCheckPlanner.Describe(dataset, policy, now), dataset.Rules.Count, dataset.Name);
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
                        Statement(writer, PostgresStore.WatermarkQuery(dataset, window.Column, window.From));
                    }

                    var storeSide = rules.Where(r => RuleSemantics.IsStoreSide(r.Kind)).ToList();
                    Rules(writer, PostgresCheckPlanner.Plan(new DatasetCheckRequest(dataset, storeSide, now, policy) { Window = window }, 0), rules.Count, dataset.Name);
                }
            }

            writer.WriteLine();
        }
    }

    private static void Rules(TextWriter writer, CheckPlan<PostgresQuery> plan, int rules, string dataset)
    {
        writer.WriteLine($"-- dataset {dataset}: {Plural.Of(rules, "rule")} -> {Plural.Of(plan.Queries.Count, "query")}");
        foreach (var query in plan.Queries)
        {
            writer.WriteLine($"-- {query.Purpose}: {string.Join(", ", query.Rules)}");
            Statement(writer, query);
        }

        foreach (var (rule, error) in plan.Errors)
        {
            writer.WriteLine($"-- {rule}: {error}");
        }
    }

    private static void Statement(TextWriter writer, PostgresQuery query)
    {
        writer.WriteLine(query.Sql.TrimEnd().TrimEnd(';') + ";");
        if (query.Parameters.Count > 0)
        {
            writer.WriteLine("  -- parameters: " + string.Join(", ", query.Parameters.Select((p, i) => $"${i + 1} = {Show(p)}")));
        }
    }

    private static string Show(object? value) => value switch
    {
        string s => SqlText.QuoteLiteral(s),
        _ => Values.ToInvariantString(value) ?? "NULL",
    };
}
