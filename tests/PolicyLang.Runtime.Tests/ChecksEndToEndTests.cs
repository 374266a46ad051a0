using System.Security.Cryptography;
using System.Text;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Testing;
using PolicyLang.Testing.Engines;
using Xunit;

namespace PolicyLang.Runtime.Tests;

/// <summary>
/// The end-to-end checks suite (<see cref="PeopleCase"/>: the same rows, rules and expected results) written once and run
/// through the shared engine interface over the in-memory evaluator (counts), DuckDB, PostgreSQL and MongoDB (live only
/// with a server). What only one store does (its regex dialect, its error texts, its schema drift) stays in the store's project.
/// </summary>
public sealed class ChecksEndToEndTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    [Fact]
    public async Task In_memory_evaluator_counts_every_rule_kind_exactly()
    {
        var c = PeopleCase.AllRules;
        var outcome = await new InMemoryEngine().CountAsync(c);
        var actual = c.Rules.Zip(outcome.Counts).ToDictionary(x => x.First.Name, x => (x.Second.Violations, RuleSemantics.Decide(x.First, x.Second).Status));
        Assert.Equal(PeopleCase.Expected(), actual);
        Assert.All(outcome.Counts, r => Assert.Equal(6, r.Total));
    }

    [Theory]
    [InlineData("duckdb")]
    [InlineData("postgres")]
    public Task Every_rule_kind_counts_exactly(string engine) => EveryRuleKindCountsExactly(Engine(engine));

    [LiveMongoFact]
    public Task Every_rule_kind_counts_exactly_on_mongodb() => EveryRuleKindCountsExactly(new MongoDbEngine());

    [Theory]
    [InlineData("duckdb", "19 rules → 4 queries")]
    [InlineData("postgres", "19 rules → 4 queries")]
    public Task One_scan_for_shareable_rules_plus_unique_references_and_one_stream(string engine, string summary) => QueriesAre(Engine(engine), summary);

    /// <summary>One aggregate answers every store-side rule of a collection, plus the stream for the csharp rules.</summary>
    [LiveMongoFact]
    public Task One_aggregate_and_one_stream_on_mongodb() => QueriesAre(new MongoDbEngine(), "19 rules → 2 queries");

    [Theory]
    [InlineData("duckdb")]
    [InlineData("postgres")]
    public Task Samples_are_bounded_keyed_and_masked(string engine) => SamplesAreBoundedKeyedAndMasked(Engine(engine));

    [LiveMongoFact]
    public Task Samples_are_bounded_keyed_and_masked_on_mongodb() => SamplesAreBoundedKeyedAndMasked(new MongoDbEngine());

    [Theory]
    [InlineData("duckdb")]
    [InlineData("postgres")]
    public async Task A_rule_that_cannot_run_reports_its_own_error_and_the_others_still_count(string engine)
    {
        var report = await RunAsync(Engine(engine), [PeopleCase.R("email_not_null", RuleKind.NotNull, "email"), PeopleCase.R("age_text", RuleKind.Between, "age", "abc", "zzz")]);
        Assert.Equal(RuleStatus.Error, report.Rules.Single(r => r.Rule == "age_text").Status);
        Assert.Equal(1, report.Rules.Single(r => r.Rule == "email_not_null").Violations);
        Assert.Equal(2, report.ExitCode);
    }

    [Theory]
    [InlineData("duckdb")]
    [InlineData("postgres")]
    public async Task Controls_turn_failing_when_a_covering_rule_fails(string engine)
    {
        var report = await RunAsync(Engine(engine), [PeopleCase.R("email_not_null", RuleKind.NotNull, "email"), PeopleCase.R("id_not_null", RuleKind.NotNull, "id")], controls:
        [
            new ControlModel("3.1", "a", ControlStatus.Compliant, ["people.email_not_null"]),
            new ControlModel("3.2", "b", ControlStatus.Compliant, ["people.id_not_null"]),
            new ControlModel("3.3", "c", ControlStatus.Waived, ["people.email_not_null"]),
        ]);
        Assert.Equal([ControlStatus.Failing, ControlStatus.Compliant, ControlStatus.Waived], report.Controls.Select(c => c.Status));
        Assert.Contains("\"status\": \"failing\"", report.ToJson());
    }

    [Theory]
    [InlineData("duckdb", "19 rules → 4 queries")]
    [InlineData("postgres", "19 rules → 4 queries")]
    public async Task Report_json_and_summary_have_the_contracted_shape(string engine, string summary)
    {
        var report = await RunAsync(Engine(engine), PeopleCase.Rules());
        var json = report.ToJson();
        Assert.Contains("\"rules\": [", json);
        Assert.Contains("\"status\": \"warned\"", json);
        Assert.Contains($"\"queriesSummary\": \"{summary}\"", json);
        Assert.Contains("\"exitCode\": 1", json);
        Assert.Equal(report.Rules.Count, RunReport.FromJson(json).Rules.Count);
        var text = new StringWriter();
        report.WriteSummary(text);
        Assert.Contains("people", text.ToString());
        Assert.Contains("failed  people.email_not_null: 1 of 6 rows", text.ToString());
    }

    private IRunEngine Engine(string name) => name switch
    {
        "duckdb" => new DuckDbEngine(),
        "postgres" => new PostgresEngine(db),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such engine"),
    };

    private static Task<RunReport> RunAsync(IRunEngine engine, IReadOnlyList<RuleModel> rules, IReadOnlyList<ControlModel>? controls = null) =>
        engine.RunAsync(PeopleCase.With(rules), new CaseRun(PeopleCase.Masks, Controls: controls));

    private static async Task EveryRuleKindCountsExactly(IRunEngine engine)
    {
        var report = await RunAsync(engine, PeopleCase.Rules());
        Assert.Empty(report.Datasets.SelectMany(d => d.Errors));
        var actual = report.Rules.Where(r => r.Dataset == "people").ToDictionary(r => r.Rule, r => (r.Violations, r.Status));
        Assert.Equal(PeopleCase.Expected(), actual);
        Assert.All(report.Rules.Where(r => r.Dataset == "people"), r => Assert.Equal(6, r.Total));
        Assert.Contains("info: 3 of 6", report.Rules.Single(r => r.Rule == "age_between_info").Note);
        Assert.Contains("first:", report.Rules.Single(r => r.Rule == "email_csharp_throws").Note);
        Assert.Equal(1, report.ExitCode);
    }

    private static async Task QueriesAre(IRunEngine engine, string summary)
    {
        var report = await RunAsync(engine, PeopleCase.Rules());
        Assert.Equal(summary, report.Datasets.Single(d => d.Dataset == "people").QueriesSummary);
    }

    private static async Task SamplesAreBoundedKeyedAndMasked(IRunEngine engine)
    {
        var report = await RunAsync(engine, PeopleCase.Rules());
        var matches = report.Rules.Single(r => r.Rule == "email_matches");
        Assert.Equal(["3", "4"], matches.Samples.Select(s => s[engine.Key]));
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("bad-email"))).ToLowerInvariant();
        Assert.Null(matches.Samples[0]["email"]);
        Assert.Equal(hash, matches.Samples[1]["email"]);
        Assert.DoesNotContain("bad-email", report.ToJson());
        Assert.DoesNotContain("a@x.org", report.ToJson());
        Assert.Equal(5, report.Rules.Single(r => r.Rule == "stale_fresher").Samples.Count);
        Assert.Equal(["1", "5"], report.Rules.Single(r => r.Rule == "email_unique").Samples.Select(s => s[engine.Key]));
        Assert.Equal(["4"], report.Rules.Single(r => r.Rule == "dept_refs").Samples.Select(s => s[engine.Key]));
    }
}
