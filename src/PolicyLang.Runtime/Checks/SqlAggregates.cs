using System.Globalization;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Checks;

/// <summary>
/// The aggregate of an <see cref="RuleKind.Aggregate"/> rule as one column of a SQL store's fused scan, cast to a double, so it costs
/// one more aggregate in the scan the dataset runs anyway. Shared by DuckDB and PostgreSQL so both compute the same thing
/// (docs/language.md "Aggregate expectations"): numeric aggregates over the non-null, non-NaN values; <c>sum</c> of none is 0;
/// quantiles continuous; <c>count distinct</c> over non-null values; <c>null fraction</c> of an empty table 0.
/// </summary>
public static class SqlAggregates
{
    /// <summary>
    /// The aggregate over column <paramref name="column"/> (already quoted). <paramref name="nan"/> is the store's NaN in the column's
    /// type, or null when the type holds none; <paramref name="doubleType"/> the store's double type name;
    /// <paramref name="quantile"/> writes the store's continuous quantile of a column at p over a filter.
    /// </summary>
    public static string Expression(RuleModel rule, string column, string? nan, string doubleType, Func<string, string, string, string> quantile)
    {
        var values = nan is null ? $"{column} IS NOT NULL" : $"{column} IS NOT NULL AND {column} <> {nan}";
        var expression = rule.Function switch
        {
            AggregateFunction.Mean => $"avg({column}) FILTER (WHERE {values})",
            AggregateFunction.Min => $"min({column}) FILTER (WHERE {values})",
            AggregateFunction.Max => $"max({column}) FILTER (WHERE {values})",
            AggregateFunction.Sum => $"coalesce(sum({column}) FILTER (WHERE {values}), 0)",
            AggregateFunction.StdDev => $"stddev_samp({column}) FILTER (WHERE {values})",
            AggregateFunction.Median or AggregateFunction.Quantile => quantile(column, Probability(rule), values),
            AggregateFunction.CountDistinct => $"count(DISTINCT {column})",
            AggregateFunction.NullFraction => $"CASE WHEN count(*) = 0 THEN 0 ELSE CAST(count(*) FILTER (WHERE {column} IS NULL) AS {doubleType}) / count(*) END",
            _ => throw new RunException($"rule '{rule.Name}' has no aggregate function"),
        };
        return $"CAST({expression} AS {doubleType})";
    }

    /// <summary>The quantile's p as a SQL number literal (a double of the compiled policy, never text from a user at run time).</summary>
    private static string Probability(RuleModel rule) =>
        (rule.Function == AggregateFunction.Median ? 0.5 : rule.Probability ?? throw new RunException($"rule '{rule.Name}' has no quantile"))
        .ToString("R", CultureInfo.InvariantCulture);
}
