using System.Security.Cryptography;
using System.Text;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>The DuckDB end-to-end data and expectations, on PostgreSQL: one truth for every engine.</summary>
public sealed class PeopleDatabase : PgDatabase
{
    protected override Task SeedAsync() => ExecAsync(
        "CREATE TABLE departments (id bigint)",
        "INSERT INTO departments VALUES (10), (20), (30)",
        "CREATE TABLE people (id bigint, email text, age integer, country text, score double precision, updated_at timestamp, dept_id bigint)",
        """
        INSERT INTO people VALUES
          (1, 'a@x.org',   30,   'NL', 0.5,  '2026-05-31 00:00:00', 10),
          (2, 'b@x.org',   17,   'DE', 0.9,  '2026-05-30 00:00:00', 10),
          (3, NULL,        45,   'XX', 1.5,  '2026-01-01 00:00:00', 20),
          (4, 'bad-email', NULL, 'NL', NULL, '2025-01-01 00:00:00', 99),
          (5, 'a@x.org',   150,  NULL, 0.1,  NULL,                  NULL),
          (6, 'c@x.org',   60,   'FR', 0.7,  '2026-05-29 00:00:00', 30)
        """);
}

public sealed class ChecksTests(PeopleDatabase db) : IClassFixture<PeopleDatabase>
{
    private static RuleModel R(string name, RuleKind kind, string? column, params object?[] args) => M.Rule(name, kind, column, args);

    internal static IReadOnlyList<RuleModel> Rules() =>
    [
        R("email_not_null", RuleKind.NotNull, "email"),
        R("email_unique", RuleKind.Unique, "email"),
        R("age_between", RuleKind.Between, "age", 18L, 120L),
        R("age_between_or_null", RuleKind.Between, "age", 18L, 120L) with { OrNull = true },
        R("age_between_warn", RuleKind.Between, "age", 18L, 120L) with { Severity = Severity.Warn },
        R("age_between_info", RuleKind.Between, "age", 18L, 120L) with { Severity = Severity.Info },
        R("country_in", RuleKind.In, "country", "NL", "DE", "FR"),
        R("country_in_tolerant", RuleKind.In, "country", "NL", "DE", "FR") with { Tolerance = 0.5 },
        R("country_in_strict", RuleKind.In, "country", "NL", "DE", "FR") with { Tolerance = 0.2 },
        R("email_matches", RuleKind.Matches, "email", @"^[^@\s]+@[^@\s]+$"),
        R("email_matches_or_null", RuleKind.Matches, "email", @"^[^@\s]+@[^@\s]+$") with { OrNull = true },
        R("email_partial", RuleKind.Matches, "email", "@x"),
        R("score_compare", RuleKind.Compare, "score", 1.0) with { Operator = CompareOperator.LessOrEqual },
        R("dept_refs", RuleKind.References, "dept_id") with { TargetDataset = "departments", TargetColumn = "id" },
        R("updated_fresher", RuleKind.FresherThan, "updated_at") with { Window = new Duration(7, DurationUnit.Day) },
        R("stale_fresher", RuleKind.FresherThan, "updated_at") with { Window = new Duration(1, DurationUnit.Hour) },
        R("rows_at_least", RuleKind.RowsAtLeast, null, 10L),
        R("score_csharp", RuleKind.CSharp, null) with { Fields = ["score"], Predicate = row => row.score == null || (double)row.score < 1.0 },
        R("email_csharp_throws", RuleKind.CSharp, null) with { Fields = ["email"], Predicate = row => ((string)row.email).Length > 3 },
    ];

    private Task<RunReport> RunAsync(IReadOnlyList<RuleModel> rules, IReadOnlyList<ColumnModel>? columns = null)
    {
        var people = M.Dataset("people", "people", "id", rules, masks: [new MaskModel("email", "sha256")], columns: columns);
        var departments = M.Dataset("departments", "departments", "id", []);
        return M.RunPostgresAsync(M.PostgresPolicy([people, departments]), M.PostgresOptions(db.ConnectionString, Path.GetTempPath()));
    }

    [Fact]
    public async Task Every_rule_kind_counts_exactly()
    {
        var report = await RunAsync(Rules());
        var expected = new Dictionary<string, (long Violations, RuleStatus Status)>
        {
            ["email_not_null"] = (1, RuleStatus.Failed),
            ["email_unique"] = (2, RuleStatus.Failed),
            ["age_between"] = (3, RuleStatus.Failed),
            ["age_between_or_null"] = (2, RuleStatus.Failed),
            ["age_between_warn"] = (3, RuleStatus.Warned),
            ["age_between_info"] = (3, RuleStatus.Passed),
            ["country_in"] = (2, RuleStatus.Failed),
            ["country_in_tolerant"] = (2, RuleStatus.Passed),
            ["country_in_strict"] = (2, RuleStatus.Failed),
            ["email_matches"] = (2, RuleStatus.Failed),
            ["email_matches_or_null"] = (1, RuleStatus.Failed),
            ["email_partial"] = (2, RuleStatus.Failed),
            ["score_compare"] = (2, RuleStatus.Failed),
            ["dept_refs"] = (1, RuleStatus.Failed),
            ["updated_fresher"] = (3, RuleStatus.Passed),
            ["stale_fresher"] = (6, RuleStatus.Failed),
            ["rows_at_least"] = (4, RuleStatus.Failed),
            ["score_csharp"] = (1, RuleStatus.Failed),
            ["email_csharp_throws"] = (1, RuleStatus.Failed),
        };
        Assert.Empty(report.Datasets.SelectMany(d => d.Errors));
        var actual = report.Rules.Where(r => r.Dataset == "people").ToDictionary(r => r.Rule, r => (r.Violations, r.Status));
        Assert.Equal(expected, actual);
        Assert.All(report.Rules.Where(r => r.Dataset == "people"), r => Assert.Equal(6, r.Total));
        Assert.Equal(1, report.ExitCode);
    }

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
    public async Task One_scan_for_shareable_rules_plus_unique_references_and_one_stream()
    {
        var report = await RunAsync(Rules());
        Assert.Equal("19 rules → 4 queries", report.Datasets.Single(d => d.Dataset == "people").QueriesSummary);
    }

    [Fact]
    public async Task Samples_are_bounded_keyed_and_masked()
    {
        var report = await RunAsync(Rules());
        var matches = report.Rules.Single(r => r.Rule == "email_matches");
        Assert.Equal(["3", "4"], matches.Samples.Select(s => s["id"]));
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("bad-email"))).ToLowerInvariant();
        Assert.Null(matches.Samples[0]["email"]);
        Assert.Equal(hash, matches.Samples[1]["email"]);
        Assert.DoesNotContain("bad-email", report.ToJson());
        Assert.DoesNotContain("a@x.org", report.ToJson());
        Assert.Equal(5, report.Rules.Single(r => r.Rule == "stale_fresher").Samples.Count);
        Assert.Equal(["1", "5"], report.Rules.Single(r => r.Rule == "email_unique").Samples.Select(s => s["id"]));
        Assert.Equal(["4"], report.Rules.Single(r => r.Rule == "dept_refs").Samples.Select(s => s["id"]));
    }

    [Fact]
    public async Task A_rule_that_cannot_run_reports_its_own_error_and_the_others_still_count()
    {
        var report = await RunAsync([R("email_not_null", RuleKind.NotNull, "email"), R("age_text", RuleKind.Between, "age", "abc", "zzz")]);
        Assert.Equal(RuleStatus.Error, report.Rules.Single(r => r.Rule == "age_text").Status);
        Assert.Contains("integer", report.Rules.Single(r => r.Rule == "age_text").Error);
        Assert.Equal(1, report.Rules.Single(r => r.Rule == "email_not_null").Violations);
        Assert.Equal(2, report.ExitCode);
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
        var report = await RunAsync([], columns:
        [
            new ColumnModel("id", "int", NotNull: true, Pii: false),
            new ColumnModel("email", "string", false, true),
            new ColumnModel("age", "string", false, false),
            new ColumnModel("missing_col", "string", false, false),
        ]);
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
