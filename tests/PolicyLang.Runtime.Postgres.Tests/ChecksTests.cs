using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Testing.Engines;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>
/// What only the postgres store does with the end-to-end checks case (its error texts, literal typing, the masked view in
/// schema drift, a missing table); the suite every store shares is tests/PolicyLang.Runtime.Tests/ChecksEndToEndTests.
/// </summary>
public sealed class ChecksTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    private static RuleModel R(string name, RuleKind kind, string? column, params object?[] args) => PeopleCase.R(name, kind, column, args);

    private Task<RunReport> RunAsync(IReadOnlyList<RuleModel> rules, IReadOnlyList<ColumnModel>? columns = null) =>
        new PostgresEngine(db).RunAsync(PeopleCase.With(rules), new CaseRun(PeopleCase.Masks, columns));

    [Fact]
    public async Task Fresher_than_counts_nulls_as_violations_unless_or_null_from_one_comparison_per_row()
    {
        // The fused scan counts the fresh rows (and, with or null, the non-null rows); violations are derived from them.
        var week = new Duration(7, DurationUnit.Day);
        var hour = new Duration(1, DurationUnit.Hour);
        var report = await RunAsync(
        [
            R("week", RuleKind.FresherThan, "updated_at") with { Window = week },
            R("week_or_null", RuleKind.FresherThan, "updated_at") with { Window = week, OrNull = true },
            R("hour_or_null", RuleKind.FresherThan, "updated_at") with { Window = hour, OrNull = true },
        ]);
        Assert.Empty(report.Datasets.SelectMany(d => d.Errors));
        var counts = report.Rules.Where(r => r.Dataset == "people").ToDictionary(r => r.Rule, r => r.Violations);
        Assert.Equal(new Dictionary<string, long> { ["week"] = 3, ["week_or_null"] = 2, ["hour_or_null"] = 5 }, counts);
        Assert.Equal("3 rules → 1 query", report.Datasets.Single(d => d.Dataset == "people").QueriesSummary);
    }

    [Fact]
    public async Task A_rule_that_cannot_run_names_the_column_type_in_its_error()
    {
        var report = await RunAsync([R("email_not_null", RuleKind.NotNull, "email"), R("age_text", RuleKind.Between, "age", "abc", "zzz")]);
        Assert.Equal(RuleStatus.Error, report.Rules.Single(r => r.Rule == "age_text").Status);
        Assert.Contains("integer", report.Rules.Single(r => r.Rule == "age_text").Error);
    }

    [Fact]
    public async Task Text_literals_take_the_column_type_like_sql_literals()
    {
        // A string operand compared with a timestamp column is read as a timestamp, as if written in SQL.
        var report = await RunAsync([R("recent", RuleKind.Compare, "updated_at", "2026-05-30 00:00:00") with { Operator = CompareOperator.GreaterOrEqual, OrNull = true }]);
        Assert.Equal(3, report.Rules.Single().Violations);
    }

    [Fact]
    public async Task Schema_drift_is_reported()
    {
        var report = await RunAsync([], columns: PeopleCase.DriftingColumns);
        var drift = report.Datasets.Single(d => d.Dataset == "people").SchemaDrift.Select(f => $"{f.Column}:{f.Finding}").ToList();
        // The dataset masks email, so the missing people_masked view is drift too.
        Assert.Equal(["id:nullability", "age:type", "missing_col:missing", "people_masked:mask"], drift);
    }

    [Fact]
    public async Task A_missing_table_is_a_dataset_error_not_a_crash()
    {
        var ghost = M.Dataset("ghost", "no_such_table", "id", [R("x", RuleKind.NotNull, "id")]);
        var report = await M.RunPostgresAsync(M.PostgresPolicy([ghost]), M.PostgresOptions(db.ConnectionString, Path.GetTempPath()));
        Assert.Contains("no_such_table", Assert.Single(report.Datasets.Single().Errors));
        Assert.Equal(2, report.ExitCode);
    }
}
