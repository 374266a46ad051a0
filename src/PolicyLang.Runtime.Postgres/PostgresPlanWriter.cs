using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;

namespace PolicyLang.Runtime.Postgres;

/// <summary>What <c>policyc plan</c> prints for a postgres store: the exact SQL of each dataset's <see cref="PostgresCheckPlanner"/> plan, with bound values.</summary>
internal static class PostgresPlanWriter
{
    public static void Write(PolicyModel policy, StoreModel store, DateTimeOffset now, TextWriter writer)
    {
        foreach (var dataset in policy.Datasets.Where(d => d.Store == store.Name))
        {
            var plan = PostgresCheckPlanner.Describe(dataset, policy, now);
            writer.WriteLine($"-- dataset {dataset.Name}: {Plural.Of(dataset.Rules.Count, "rule")} -> {Plural.Of(plan.Queries.Count, "query")}");
            foreach (var query in plan.Queries)
            {
                writer.WriteLine($"-- {query.Purpose}: {string.Join(", ", query.Rules)}");
                writer.WriteLine(query.Sql.TrimEnd().TrimEnd(';') + ";");
                if (query.Parameters.Count > 0)
                {
                    writer.WriteLine("  -- parameters: " + string.Join(", ", query.Parameters.Select((p, i) => $"${i + 1} = {Show(p)}")));
                }
            }

            foreach (var (rule, error) in plan.Errors)
            {
                writer.WriteLine($"-- {rule}: {error}");
            }

            writer.WriteLine();
        }
    }

    private static string Show(object? value) => value switch
    {
        string s => SqlText.QuoteLiteral(s),
        _ => Values.ToInvariantString(value) ?? "NULL",
    };
}
