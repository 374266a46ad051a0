using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Postgres;

// Aggregate expectations: one more column of the fused scan (SqlAggregates), read as the rule's observed value.
public static partial class PostgresCheckPlanner
{
    private static string Aggregate(DatasetModel dataset, RuleModel rule) =>
        SqlAggregates.Expression(rule, Sql.Id(rule.Column!), NaN(dataset, rule.Column!), "DOUBLE PRECISION",
            (column, p, values) => $"percentile_cont({p}) WITHIN GROUP (ORDER BY {column}) FILTER (WHERE {values})");
}
