using MongoDB.Bson;
using PolicyLang.Runtime.Model;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests.Semantics;

/// <summary>
/// The planned pipelines evaluated by mingo on the DuckDB suite's rows (as documents, NULLs as nulls or missing fields):
/// every store-side count must equal the DuckDB store's, and the sample filters must pick the same documents.
/// </summary>
public sealed class PipelineSemanticsTests
{
    private static RuleModel R(string name, RuleKind kind, string? column, params object?[] args) => M.Rule(name, kind, column, args);

    private static DateTime D(string s) => DateTime.SpecifyKind(DateTime.Parse(s, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private static readonly IReadOnlyList<BsonDocument> People =
    [
        new() { { "_id", 1 }, { "email", "a@x.org" }, { "age", 30 }, { "country", "NL" }, { "score", 0.5 }, { "updated_at", D("2026-05-31") }, { "dept_id", 10L } },
        new() { { "_id", 2 }, { "email", "b@x.org" }, { "age", 17 }, { "country", "DE" }, { "score", 0.9 }, { "updated_at", D("2026-05-30") }, { "dept_id", 10L } },
        new() { { "_id", 3 }, { "email", BsonNull.Value }, { "age", 45 }, { "country", "XX" }, { "score", 1.5 }, { "updated_at", D("2026-01-01") }, { "dept_id", 20L } },
        new() { { "_id", 4 }, { "email", "bad-email" }, { "country", "NL" }, { "score", BsonNull.Value }, { "updated_at", D("2025-01-01") }, { "dept_id", 99L } },
        new() { { "_id", 5 }, { "email", "a@x.org" }, { "age", 150 }, { "score", 0.1 }, { "updated_at", BsonNull.Value } },
        new() { { "_id", 6 }, { "email", "c@x.org" }, { "age", 60L }, { "country", "FR" }, { "score", 0.7 }, { "updated_at", D("2026-05-29") }, { "dept_id", 30 } },
    ];

    private static readonly IReadOnlyList<BsonDocument> Departments = [new() { { "_id", 1 }, { "id", 10L } }, new() { { "_id", 2 }, { "id", 20L } }, new() { { "_id", 3 }, { "id", 30L } }];

    private static readonly Dictionary<string, IReadOnlyList<BsonDocument>> Collections = new() { ["people"] = People, ["departments"] = Departments };

    // The DuckDB suite's store-side rules and its expected violations (ChecksEndToEndTests.Every_rule_kind_counts_exactly).
    private static readonly (RuleModel Rule, long Violations)[] Expected =
    [
        (R("email_not_null", RuleKind.NotNull, "email"), 1),
        (R("email_unique", RuleKind.Unique, "email"), 2),
        (R("age_between", RuleKind.Between, "age", 18L, 120L), 3),
        (R("age_between_or_null", RuleKind.Between, "age", 18L, 120L) with { OrNull = true }, 2),
        (R("country_in", RuleKind.In, "country", "NL", "DE", "FR"), 2),
        (R("email_matches", RuleKind.Matches, "email", @"^[^@\s]+@[^@\s]+$"), 2),
        (R("email_matches_or_null", RuleKind.Matches, "email", @"^[^@\s]+@[^@\s]+$") with { OrNull = true }, 1),
        (R("email_partial", RuleKind.Matches, "email", "@x"), 2),
        (R("score_compare", RuleKind.Compare, "score", 1.0) with { Operator = CompareOperator.LessOrEqual }, 2),
        (R("dept_refs", RuleKind.References, "dept_id") with { TargetDataset = "departments", TargetColumn = "id" }, 1),
        (R("updated_fresher", RuleKind.FresherThan, "updated_at") with { Window = new Duration(7, DurationUnit.Day) }, 3),
        (R("stale_fresher", RuleKind.FresherThan, "updated_at") with { Window = new Duration(1, DurationUnit.Hour) }, 6),
        (R("rows_at_least", RuleKind.RowsAtLeast, null, 10L), 4),
    ];

    private static DatasetModel PeopleDataset => M.Collection("people", "people", Expected.Select(e => e.Rule).ToList());
    private static PolicyModel Policy => M.MongoDbPolicy([PeopleDataset, M.Collection("departments", "departments", [])]);

    [Fact]
    public void The_one_pipeline_counts_what_the_duckdb_store_counts()
    {
        var plan = MongoDbCheckPipeline.Plan(PeopleDataset, PeopleDataset.Rules, M.Now, Policy);
        var result = Assert.Single(Mingo.Aggregate("people", plan.Stages, Collections));
        var (total, counts) = plan.Read(result, _ => 10);
        Assert.Equal(6, total);
        Assert.Equal(Expected.Select(e => (e.Rule.Name, e.Violations)), counts.Select(c => (c.Rule, c.Violations)));
        Assert.Equal(3, counts.Single(c => c.Rule == "updated_fresher").FreshRows);
        Assert.Equal(0, counts.Single(c => c.Rule == "stale_fresher").FreshRows);
    }

    [Fact]
    public void Each_rule_alone_counts_the_same_as_in_the_shared_pipeline()
    {
        foreach (var (rule, violations) in Expected.Where(e => e.Rule.Kind != RuleKind.RowsAtLeast))
        {
            var plan = MongoDbCheckPipeline.Plan(PeopleDataset, [rule], M.Now, Policy);
            var (_, counts) = plan.Read(Mingo.Aggregate("people", plan.Stages, Collections).SingleOrDefault(), _ => 0);
            Assert.True(violations == counts[0].Violations, $"{rule.Name}: expected {violations}, got {counts[0].Violations}");
        }
    }

    [Fact]
    public void Sample_filters_pick_the_violating_documents()
    {
        List<int> Sample(RuleModel rule)
        {
            var violation = MongoDbRuleExpressions.Violation(rule, M.Now, out _)!;
            // What SampleAsync's find does: {$expr: violation}, sorted by key, limited.
            BsonDocument[] stages = [new("$match", new BsonDocument("$expr", violation)), new("$sort", new BsonDocument("_id", 1)), new("$limit", 5)];
            return Mingo.Aggregate("people", stages, Collections).Select(d => d["_id"].ToInt32()).ToList();
        }

        Assert.Equal([3, 4], Sample(Expected.Single(e => e.Rule.Name == "email_matches").Rule));
        Assert.Equal([2, 4, 5], Sample(Expected.Single(e => e.Rule.Name == "age_between").Rule));
        Assert.Equal([3, 4], Sample(Expected.Single(e => e.Rule.Name == "score_compare").Rule));
    }

    [Fact]
    public void Type_aware_comparisons_and_hostile_literals_behave()
    {
        IReadOnlyList<BsonDocument> docs =
        [
            new() { { "_id", 1 }, { "v", "abc" } },        // a string never satisfies a numeric rule
            new() { { "_id", 2 }, { "v", 7 } },
            new() { { "_id", 3 }, { "v", "$secret" } },    // equals the literal text, not a field
            new() { { "_id", 4 }, { "v", new BsonArray { 1 } } },
            new() { { "_id", 5 }, { "secret", "x" } },     // v missing: null
        ];
        var rules = new[]
        {
            R("v_gt", RuleKind.Compare, "v", 5L) with { Operator = CompareOperator.GreaterThan },
            R("v_in", RuleKind.In, "v", "$secret"),
            R("v_matches", RuleKind.Matches, "v", "^[0-9]+$") with { OrNull = true },
        };
        var dataset = M.Collection("t", "t", rules);
        var plan = MongoDbCheckPipeline.Plan(dataset, rules, M.Now, null);
        var (_, counts) = plan.Read(Mingo.Aggregate("t", plan.Stages, new Dictionary<string, IReadOnlyList<BsonDocument>> { ["t"] = docs }).Single(), _ => 0);
        Assert.Equal([4L, 4L, 3L], counts.Select(c => c.Violations));
    }

    [Fact]
    public void Observation_logs_counts_on_sample_documents()
    {
        IReadOnlyList<BsonDocument> logs =
        [
            new() { { "_id", 1 }, { "telescope", "T1" }, { "exposure_s", 30 }, { "operator", "ana" } },
            new() { { "_id", 2 }, { "telescope", "T4" }, { "exposure_s", 0 }, { "operator", BsonNull.Value } },
            new() { { "_id", 3 }, { "telescope", "T2" }, { "exposure_s", "long" } },
            new() { { "_id", 4 }, { "exposure_s", 4000.5 }, { "operator", "bo" } },
        ];
        var dataset = LabModel.ObservationLogs();
        var stages = MongoDbCheckPipeline.Build(dataset, M.Now, M.MongoDbPolicy([dataset]));
        var plan = MongoDbCheckPipeline.Plan(dataset, dataset.Rules.Where(r => r.Kind != RuleKind.CSharp).ToList(), M.Now, null);
        var (total, counts) = plan.Read(Mingo.Aggregate("obs_logs", stages, new Dictionary<string, IReadOnlyList<BsonDocument>> { ["obs_logs"] = logs }).Single(), _ => 0);
        Assert.Equal(4, total);
        // telescope: T4 and missing; exposure_s: 0 and the string; operator: null and missing.
        Assert.Equal([2L, 2L, 2L], counts.Select(c => c.Violations));
    }
}
