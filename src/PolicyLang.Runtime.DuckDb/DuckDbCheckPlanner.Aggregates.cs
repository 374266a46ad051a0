using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.DuckDb;

// Aggregate expectations: one more column of the fused scan (SqlAggregates), read as the rule's observed value.
internal static partial class DuckDbCheckPlanner
{
    private static string Aggregate(DatasetModel dataset, RuleModel rule) =>
        SqlAggregates.Expression(rule, Sql.Id(rule.Column!), NaN(dataset, rule.Column!), "DOUBLE",
            (column, p, values) => $"quantile_cont({column}, {p}) FILTER (WHERE {values})");
}
