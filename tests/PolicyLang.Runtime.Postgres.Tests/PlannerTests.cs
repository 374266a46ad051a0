using PolicyLang.Runtime.Model;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>The exact SQL <c>policyc plan</c> prints; no server needed.</summary>
public sealed class PlannerTests
{
    [Fact]
    public void One_fused_scan_then_one_query_per_unique_and_references_rule()
    {
        var rules = new[]
        {
            M.Rule("id_unique", RuleKind.Unique, "source_id"),
            M.Rule("ra_range", RuleKind.Between, "ra", 0L, 360L),
            M.Rule("mag", RuleKind.Between, "mag", 3L, 21L) with { OrNull = true },
            M.Rule("email", RuleKind.Matches, "email", "^[^@]+@[^@]+$") with { OrNull = true },
            M.Rule("band_in", RuleKind.In, "band", "G", "BP"),
            M.Rule("flux_pos", RuleKind.Compare, "flux", 0L) with { Operator = CompareOperator.GreaterThan, Tolerance = 0.005 },
            M.Rule("fresh", RuleKind.FresherThan, "ingested_at") with { Window = new Duration(2, DurationUnit.Day) },
            M.Rule("ref", RuleKind.References, "source_id") with { TargetDataset = "sources", TargetColumn = "source_id" },
            M.Rule("rows", RuleKind.RowsAtLeast, null, 1000L),
            M.Rule("cross", RuleKind.References, "x") with { TargetDataset = "elsewhere", TargetColumn = "x" },
        };
        var dataset = M.Dataset("gaia", "catalog.gaia", "source_id", rules);
        var policy = M.Policy([dataset, M.Dataset("sources", "catalog.sources", "source_id", [])]);
        var plan = PostgresCheckPlanner.Describe(dataset, policy, M.Now);

        Assert.Equal(
            "SELECT count(*), " +
            "count(*) FILTER (WHERE ((\"ra\" BETWEEN $1 AND $2) IS NOT TRUE)), " +
            "count(*) FILTER (WHERE (\"mag\" IS NOT NULL AND (\"mag\" BETWEEN $3 AND $4) IS NOT TRUE)), " +
            "count(*) FILTER (WHERE (\"email\" IS NOT NULL AND (\"email\"::text ~ $5) IS NOT TRUE)), " +
            "count(*) FILTER (WHERE ((\"band\" IN ($6, $7)) IS NOT TRUE)), " +
            "count(*) FILTER (WHERE ((\"flux\" > $8 AND \"flux\" <> CAST('NaN' AS DOUBLE PRECISION)) IS NOT TRUE)), " +
            "count(*) FILTER (WHERE \"ingested_at\" >= $9) " +
            "FROM \"catalog\".\"gaia\"", plan.Queries[0].Sql);
        Assert.Equal(new object?[] { 0L, 360L, 3L, 21L, "^[^@]+@[^@]+$", "G", "BP", 0L, M.Now.AddDays(-2) }, plan.Queries[0].Parameters);
        Assert.Equal(["ra_range", "mag", "email", "band_in", "flux_pos", "fresh"], plan.Queries[0].Rules);
        Assert.Equal(
            "SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM \"catalog\".\"gaia\" WHERE \"source_id\" IS NOT NULL GROUP BY \"source_id\" HAVING count(*) > 1) AS d",
            plan.Queries[1].Sql);
        Assert.Equal(
            "SELECT count(*) FROM \"catalog\".\"gaia\" AS s WHERE s.\"source_id\" IS NOT NULL AND NOT EXISTS " +
            "(SELECT 1 FROM \"catalog\".\"sources\" AS x WHERE x.\"source_id\" = s.\"source_id\")", plan.Queries[2].Sql);
        Assert.Equal(3, plan.Queries.Count);
        Assert.Contains("no dataset named 'elsewhere'", plan.Errors["cross"]);
    }

    [Fact]
    public void Greater_than_excludes_NaN_in_the_declared_type_and_not_at_all_for_integers()
    {
        // NaN is unordered in the language, but SQL orders it above every number: `flux > 0` needs a guard, in the column's
        // own type (a NaN of another type would convert every value), and none when the column is declared integer.
        var rules = new[]
        {
            M.Rule("flux_ge", RuleKind.Compare, "flux", 0L) with { Operator = CompareOperator.GreaterOrEqual },
            M.Rule("count_gt", RuleKind.Compare, "n", 0L) with { Operator = CompareOperator.GreaterThan },
            M.Rule("count_lt", RuleKind.Compare, "n", 9L) with { Operator = CompareOperator.LessThan },
            M.Rule("amount_gt", RuleKind.Compare, "amount", 0.5) with { Operator = CompareOperator.GreaterThan },
        };
        var columns = new[] { new ColumnModel("flux", "double", false, false), new ColumnModel("n", "bigint", false, false), new ColumnModel("amount", "numeric(12, 2)", false, false) };
        var declared = M.Dataset("obs", "obs", "id", rules, columns: columns);
        var undeclared = M.Dataset("obs", "obs", "id", rules);
        Assert.Equal(
            "SELECT count(*), count(*) FILTER (WHERE ((\"flux\" >= $1 AND \"flux\" <> CAST('NaN' AS DOUBLE PRECISION)) IS NOT TRUE)), " +
            "count(*) FILTER (WHERE ((\"n\" > $2) IS NOT TRUE)), count(*) FILTER (WHERE ((\"n\" < $3) IS NOT TRUE)), " +
            "count(*) FILTER (WHERE ((\"amount\" > $4 AND \"amount\" <> CAST('NaN' AS NUMERIC)) IS NOT TRUE)) FROM \"obs\"",
            PostgresCheckPlanner.Describe(declared, M.Policy([declared]), M.Now).Queries[0].Sql);
        Assert.Contains("\"n\" > $2 AND \"n\" <> CAST('NaN' AS DOUBLE PRECISION)", PostgresCheckPlanner.Describe(undeclared, M.Policy([undeclared]), M.Now).Queries[0].Sql);
    }

    [Fact]
    public void Setup_statements_make_the_audit_log_append_only_for_the_runner()
    {
        var sql = PostgresSetup.Statements("policy_runner");
        Assert.Contains("REVOKE ALL ON \"governance\".\"audit_log\" FROM PUBLIC, \"policy_runner\"", sql);
        Assert.Contains("GRANT SELECT, INSERT ON \"governance\".\"audit_log\" TO \"policy_runner\"", sql);
        Assert.DoesNotContain(sql, s => s.StartsWith("GRANT", StringComparison.Ordinal) && (s.Contains("UPDATE", StringComparison.Ordinal) || s.Contains("DELETE", StringComparison.Ordinal)));
    }
}
