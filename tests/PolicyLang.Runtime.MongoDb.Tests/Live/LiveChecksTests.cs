using MongoDB.Bson;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests.Live;

/// <summary>The DuckDB end-to-end check suite (same rows, same rules, same expected counts) on a live MongoDB server.</summary>
public sealed class LiveChecksTests
{
    private static RuleModel R(string name, RuleKind kind, string? column, params object?[] args) => M.Rule(name, kind, column, args);

    // DuckDB's people table as documents; its NULLs are explicit nulls or missing fields, which must count the same.
    private static void Seed(LiveMongo live)
    {
        static DateTime D(string s) => DateTime.SpecifyKind(DateTime.Parse(s, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
        live["departments"].InsertMany([new BsonDocument("id", 10L), new BsonDocument("id", 20L), new BsonDocument("id", 30L)]);
        live["people"].InsertMany(
        [
            new BsonDocument { { "_id", 1 }, { "email", "a@x.org" }, { "age", 30 }, { "country", "NL" }, { "score", 0.5 }, { "updated_at", D("2026-05-31") }, { "dept_id", 10L } },
            new BsonDocument { { "_id", 2 }, { "email", "b@x.org" }, { "age", 17 }, { "country", "DE" }, { "score", 0.9 }, { "updated_at", D("2026-05-30") }, { "dept_id", 10L } },
            new BsonDocument { { "_id", 3 }, { "email", BsonNull.Value }, { "age", 45 }, { "country", "XX" }, { "score", 1.5 }, { "updated_at", D("2026-01-01") }, { "dept_id", 20L } },
            new BsonDocument { { "_id", 4 }, { "email", "bad-email" }, { "country", "NL" }, { "score", BsonNull.Value }, { "updated_at", D("2025-01-01") }, { "dept_id", 99L } },
            new BsonDocument { { "_id", 5 }, { "email", "a@x.org" }, { "age", 150 }, { "score", 0.1 }, { "updated_at", BsonNull.Value } },
            new BsonDocument { { "_id", 6 }, { "email", "c@x.org" }, { "age", 60L }, { "country", "FR" }, { "score", 0.7 }, { "updated_at", D("2026-05-29") }, { "dept_id", 30 } },
        ]);
    }

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

    private static async Task<RunReport> RunAsync(LiveMongo live)
    {
        Seed(live);
        var people = M.Collection("people", "people", Rules(), masks: [new MaskModel("email", "sha256")]);
        var departments = M.Collection("departments", "departments", []);
        return await live.RunAsync(M.MongoDbPolicy([people, departments], tls: LiveMongo.Tls));
    }

    [LiveMongoFact]
    public async Task Every_rule_kind_counts_exactly_in_one_aggregate_and_one_stream()
    {
        using var live = new LiveMongo();
        var report = await RunAsync(live);
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
        Assert.Equal("19 rules → 2 queries", report.Datasets.Single(d => d.Dataset == "people").QueriesSummary);
    }

    [LiveMongoFact]
    public async Task Samples_are_bounded_keyed_and_masked()
    {
        using var live = new LiveMongo();
        var report = await RunAsync(live);
        var matches = report.Rules.Single(r => r.Rule == "email_matches");
        Assert.Equal(["3", "4"], matches.Samples.Select(s => s["_id"]));
        Assert.Null(matches.Samples[0]["email"]);
        Assert.DoesNotContain("bad-email", report.ToJson());
        Assert.Equal(5, report.Rules.Single(r => r.Rule == "stale_fresher").Samples.Count);
        Assert.Equal(["1", "5"], report.Rules.Single(r => r.Rule == "email_unique").Samples.Select(s => s["_id"]));
        Assert.Equal(["4"], report.Rules.Single(r => r.Rule == "dept_refs").Samples.Select(s => s["_id"]));
    }
}
