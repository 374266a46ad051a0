using System.Security.Cryptography;
using System.Text;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;
using Xunit;

namespace PolicyLang.Runtime.DuckDb.Tests;

public sealed class ChecksEndToEndTests : IDisposable
{
    private readonly TempDir _dir = new();

    public ChecksEndToEndTests()
    {
        _dir.Exec(
            "CREATE TABLE departments (id BIGINT)",
            "INSERT INTO departments VALUES (10), (20), (30)",
            "CREATE TABLE people (id BIGINT, email VARCHAR, age INTEGER, country VARCHAR, score DOUBLE, updated_at TIMESTAMP, dept_id BIGINT)",
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

    public void Dispose() => _dir.Dispose();

    private static RuleModel R(string name, RuleKind kind, string? column, params object?[] args) => M.Rule(name, kind, column, args);

    private static IReadOnlyList<RuleModel> Rules() =>
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

    private async Task<RunReport> RunAsync(IReadOnlyList<RuleModel> rules, IReadOnlyList<ColumnModel>? columns = null, IReadOnlyList<ControlModel>? controls = null)
    {
        var people = M.Dataset("people", "people", "id", rules, masks: [new MaskModel("email", "sha256")], columns: columns);
        var departments = M.Dataset("departments", "departments", "id", []);
        var policy = M.DuckDbPolicy([people, departments], controls: controls);
        return await PolicyRunner.RunAsync(new TestPolicy(policy), new RunOptions { BaseDirectory = _dir.Path, Now = M.Now }, CancellationToken.None);
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
        var actual = report.Rules.Where(r => r.Dataset == "people").ToDictionary(r => r.Rule, r => (r.Violations, r.Status));
        Assert.Equal(expected, actual);
        Assert.All(report.Rules.Where(r => r.Dataset == "people"), r => Assert.Equal(6, r.Total));
        Assert.Contains("info: 3 of 6", report.Rules.Single(r => r.Rule == "age_between_info").Note);
        Assert.Contains("first:", report.Rules.Single(r => r.Rule == "email_csharp_throws").Note);
        Assert.Equal(1, report.ExitCode);
    }

    [Fact]
    public async Task One_scan_for_shareable_rules_plus_unique_references_and_one_stream()
    {
        var report = await RunAsync(Rules());
        var people = report.Datasets.Single(d => d.Dataset == "people");
        Assert.Equal("19 rules → 4 queries", people.QueriesSummary);
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
        Assert.Equal(5, report.Rules.Single(r => r.Rule == "stale_fresher").Samples.Count);
        Assert.Equal(["1", "5"], report.Rules.Single(r => r.Rule == "email_unique").Samples.Select(s => s["id"]));
    }

    [Fact]
    public async Task A_rule_that_cannot_run_reports_its_own_error_and_the_others_still_count()
    {
        var report = await RunAsync([R("email_not_null", RuleKind.NotNull, "email"), R("age_text", RuleKind.Between, "age", "abc", "zzz")]);
        Assert.Equal(RuleStatus.Error, report.Rules.Single(r => r.Rule == "age_text").Status);
        Assert.Equal(1, report.Rules.Single(r => r.Rule == "email_not_null").Violations);
        Assert.Equal(2, report.ExitCode);
    }

    [Fact]
    public async Task A_pattern_outside_the_portable_subset_runs_in_the_stores_dialect_with_a_note()
    {
        // (?i) is outside the portable subset: DuckDB runs it as written (RE2: case-insensitive), and the result says so.
        var report = await RunAsync([R("country_ci", RuleKind.Matches, "country", "(?i)^nl$") with { OrNull = true }]);
        var rule = report.Rules.Single();
        Assert.Equal((RuleStatus.Failed, 3L, (string?)null), (rule.Status, rule.Violations, rule.Error));
        Assert.Contains("evaluated in the store's own regex dialect", rule.Note);
        Assert.Contains("`(?`", rule.Note);
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
        Assert.Equal(["id:nullability", "age:type", "missing_col:missing"], drift);
    }

    [Fact]
    public async Task Controls_turn_failing_when_a_covering_rule_fails()
    {
        var report = await RunAsync([R("email_not_null", RuleKind.NotNull, "email"), R("id_not_null", RuleKind.NotNull, "id")], controls:
        [
            new ControlModel("3.1", "a", ControlStatus.Compliant, ["people.email_not_null"]),
            new ControlModel("3.2", "b", ControlStatus.Compliant, ["people.id_not_null"]),
            new ControlModel("3.3", "c", ControlStatus.Waived, ["people.email_not_null"]),
        ]);
        Assert.Equal([ControlStatus.Failing, ControlStatus.Compliant, ControlStatus.Waived], report.Controls.Select(c => c.Status));
        Assert.Contains("\"status\": \"failing\"", report.ToJson());
    }

    [Fact]
    public async Task Report_json_and_summary_have_the_contracted_shape()
    {
        var report = await RunAsync(Rules());
        var json = report.ToJson();
        Assert.Contains("\"rules\": [", json);
        Assert.Contains("\"status\": \"warned\"", json);
        Assert.Contains("\"queriesSummary\": \"19 rules → 4 queries\"", json);
        Assert.Contains("\"exitCode\": 1", json);
        Assert.Equal(report.Rules.Count, RunReport.FromJson(json).Rules.Count);
        var text = new StringWriter();
        report.WriteSummary(text);
        Assert.Contains("people", text.ToString());
        Assert.Contains("failed  people.email_not_null: 1 of 6 rows", text.ToString());
    }
}
