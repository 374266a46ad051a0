using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Testing.Engines;
using Xunit;

namespace PolicyLang.Runtime.DuckDb.Tests;

/// <summary>
/// What only the duckdb store does with the end-to-end checks case (its regex dialect, its schema drift); the suite every
/// store shares is tests/PolicyLang.Runtime.Tests/ChecksEndToEndTests.
/// </summary>
public sealed class ChecksEndToEndTests
{
    private static Task<RunReport> RunAsync(IReadOnlyList<RuleModel> rules, IReadOnlyList<ColumnModel>? columns = null) =>
        new DuckDbEngine().RunAsync(PeopleCase.With(rules), new CaseRun(PeopleCase.Masks, columns));

    [Fact]
    public async Task A_pattern_outside_the_portable_subset_runs_in_the_stores_dialect_with_a_note()
    {
        // (?i) is outside the portable subset: DuckDB runs it as written (RE2: case-insensitive), and the result says so.
        var report = await RunAsync([PeopleCase.R("country_ci", RuleKind.Matches, "country", "(?i)^nl$") with { OrNull = true }]);
        var rule = report.Rules.Single();
        Assert.Equal((RuleStatus.Failed, 3L, (string?)null), (rule.Status, rule.Violations, rule.Error));
        Assert.Contains("evaluated in the store's own regex dialect", rule.Note);
        Assert.Contains("`(?`", rule.Note);
    }

    [Fact]
    public async Task Schema_drift_is_reported()
    {
        var report = await RunAsync([], columns: PeopleCase.DriftingColumns);
        var drift = report.Datasets.Single(d => d.Dataset == "people").SchemaDrift.Select(f => $"{f.Column}:{f.Finding}").ToList();
        Assert.Equal(["id:nullability", "age:type", "missing_col:missing"], drift);
    }
}
