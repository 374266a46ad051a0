using System.Runtime.CompilerServices;
using MongoDB.Bson;
using PolicyLang.Runtime.Model;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests.Baselines;

/// <summary>Every rule kind's pipeline, rendered by the driver without a server, against checked-in JSON (Baselines/*.json).</summary>
public sealed class PipelineBaselineTests
{
    private static RuleModel R(string name, RuleKind kind, string? column, params object?[] args) => M.Rule(name, kind, column, args);

    public static readonly Dictionary<string, IReadOnlyList<RuleModel>> Cases = new()
    {
        ["not_null"] = [R("operator_not_null", RuleKind.NotNull, "operator")],
        ["not_null_or_null"] = [R("operator_not_null", RuleKind.NotNull, "operator") with { OrNull = true }],
        ["unique"] = [R("frame_id_unique", RuleKind.Unique, "frame_id")],
        ["between"] = [R("seeing_between", RuleKind.Between, "seeing", 0.2, 5L)],
        ["between_or_null"] = [R("magnitude_between", RuleKind.Between, "magnitude", 3L, 21L) with { OrNull = true }],
        ["between_dates"] = [R("observed_at_between", RuleKind.Between, "observed_at", M.Now.AddYears(-1), M.Now)],
        ["in"] = [R("telescope_in", RuleKind.In, "telescope", "T1", "T2", "T3")],
        ["in_numbers"] = [R("band_in", RuleKind.In, "band", 1L, 2L, 3.5)],
        ["in_empty"] = [R("band_in", RuleKind.In, "band")],
        ["matches"] = [R("observer_email_matches", RuleKind.Matches, "observer_email", @"^[^@\s]+@[^@\s]+$")],
        ["matches_or_null"] = [R("observer_email_matches", RuleKind.Matches, "observer_email", @"^[^@\s]+@[^@\s]+$") with { OrNull = true }],
        ["compare_gt"] = [R("exposure_s_gt", RuleKind.Compare, "exposure_s", 0L) with { Operator = CompareOperator.GreaterThan }],
        ["compare_ne_text"] = [R("mode_ne", RuleKind.Compare, "mode", "test") with { Operator = CompareOperator.NotEqual }],
        ["references"] = [R("telescope_references", RuleKind.References, "telescope") with { TargetDataset = "telescopes", TargetColumn = "code" }],
        ["unique_composite"] = [R("run_id_lane_unique", RuleKind.Unique, null) with { Columns = ["run_id", "lane"] }],
        ["references_composite"] =
        [
            R("run_id_lane_references", RuleKind.References, null) with { Columns = ["run_id", "lane"], TargetDataset = "telescopes", TargetColumns = ["run", "site.lane"] },
        ],
        ["fresher_than"] = [R("observed_at_fresher_than", RuleKind.FresherThan, "observed_at") with { Window = new Duration(2, DurationUnit.Day) }],
        ["rows_at_least"] = [R("rows_at_least", RuleKind.RowsAtLeast, null, 1000L)],
        ["nested_path"] = [R("site_location_lat_between", RuleKind.Between, "site.location.lat", -90L, 90L)],
        ["hostile_literals"] =
        [
            R("mode_in", RuleKind.In, "mode", "$secret", "$$ROOT"),
            R("mode_matches", RuleKind.Matches, "mode", "$where"),
            R("mode_eq", RuleKind.Compare, "mode", "$exposure_s") with { Operator = CompareOperator.Equal },
        ],
        ["hostile_path"] = [R("bad_not_null", RuleKind.NotNull, "$where"), R("ok_not_null", RuleKind.NotNull, "ok")],
        // Issue 14: rules written as conditions, `where`, applicable tolerances, aggregates, row-count bounds, value shapes, ordering.
        ["condition_not_in"] = [R("country_not_in", RuleKind.Condition, "country") with { Condition = new NotCondition(new InCondition("country", ["XX", "ZZ"])) }],
        ["condition_columns"] =
        [
            R("shipped_at_ge", RuleKind.Condition, "shipped_at") with
            {
                Condition = new CompareCondition(new ColumnOperand("shipped_at"), RowComparison.GreaterOrEqual, new ColumnOperand("ordered_at")), OrNull = true,
            },
            R("dob_le", RuleKind.Condition, "dob") with { Condition = new CompareCondition(new ColumnOperand("dob"), RowComparison.LessOrEqual, new ClockOperand(true)) },
        ],
        ["condition_is_null"] = [R("deleted_at_is_null", RuleKind.Condition, "deleted_at") with { Condition = new IsNullCondition("deleted_at") }],
        ["where_applicable"] =
        [
            R("exposure_s_gt", RuleKind.Compare, "exposure_s", 0L) with
            {
                Operator = CompareOperator.GreaterThan, Tolerance = 0.05, ToleranceOfApplicable = true,
                Where = new AndCondition(new CompareCondition(new ColumnOperand("mode"), RowComparison.Equal, new LiteralOperand("survey")), new NotCondition(new IsNullCondition("seeing"))),
            },
        ],
        ["aggregates"] =
        [
            R("seeing_mean", RuleKind.Aggregate, "seeing", 0.5, 2.0) with { Function = AggregateFunction.Mean },
            R("seeing_q95", RuleKind.Aggregate, "seeing", 3.0) with { Function = AggregateFunction.Quantile, Probability = 0.95, Operator = CompareOperator.LessOrEqual },
            R("seeing_stddev", RuleKind.Aggregate, "seeing", 1.0) with { Function = AggregateFunction.StdDev, Operator = CompareOperator.LessThan },
            R("band_count_distinct", RuleKind.Aggregate, "band", 2L) with { Function = AggregateFunction.CountDistinct, Operator = CompareOperator.GreaterOrEqual },
            R("band_null_fraction", RuleKind.Aggregate, "band", 0.02) with { Function = AggregateFunction.NullFraction, Operator = CompareOperator.LessOrEqual },
        ],
        ["row_count"] = [R("rows_between", RuleKind.RowCount, null, 10L, 1000L), R("rows_at_most", RuleKind.RowCount, null, 5000L) with { Operator = CompareOperator.LessOrEqual }],
        ["shapes"] =
        [
            R("code_length", RuleKind.Condition, "code") with
            {
                Condition = new AndCondition(
                    new CompareCondition(new LengthOperand("code"), RowComparison.GreaterOrEqual, new LiteralOperand(2L)),
                    new CompareCondition(new LengthOperand("code"), RowComparison.LessOrEqual, new LiteralOperand(8L))),
            },
            R("born_parses_as_date", RuleKind.Condition, "born") with { Condition = new ParsesCondition("born", ParseFormat.Date, "dd/MM/yyyy"), OrNull = true },
            R("amount_parses_as_number", RuleKind.Condition, "amount") with { Condition = new ParsesCondition("amount", ParseFormat.Number, null) },
            R("payload_parses_as_json", RuleKind.Condition, "payload") with { Condition = new ParsesCondition("payload", ParseFormat.Json, null) },
        ],
        ["monotonic"] =
        [
            R("seq_increasing", RuleKind.Monotonic, "seq") with { OrderColumn = "_id" },
            R("stock_strictly_decreasing", RuleKind.Monotonic, "stock") with
            {
                OrderColumn = "measured_at", Decreasing = true, Strictly = true, OrNull = true,
                Where = new CompareCondition(new ColumnOperand("site"), RowComparison.Equal, new LiteralOperand("A")),
            },
        ],
        ["every_kind"] =
        [
            R("operator_not_null", RuleKind.NotNull, "operator"),
            R("frame_id_unique", RuleKind.Unique, "frame_id"),
            R("seeing_between", RuleKind.Between, "seeing", 0.2, 5L),
            R("telescope_in", RuleKind.In, "telescope", "T1", "T2", "T3"),
            R("observer_email_matches", RuleKind.Matches, "observer_email", @"^[^@\s]+@[^@\s]+$") with { OrNull = true },
            R("exposure_s_gt", RuleKind.Compare, "exposure_s", 0L) with { Operator = CompareOperator.GreaterThan },
            R("telescope_references", RuleKind.References, "telescope") with { TargetDataset = "telescopes", TargetColumn = "code" },
            R("observed_at_fresher_than", RuleKind.FresherThan, "observed_at") with { Window = new Duration(2, DurationUnit.Day) },
            R("rows_at_least", RuleKind.RowsAtLeast, null, 1000L),
        ],
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    private static PolicyModel Policy(DatasetModel dataset) =>
        M.MongoDbPolicy([dataset, M.Collection("telescopes", "telescopes", [])]);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Rule_kind_pipeline_matches_its_baseline(string name)
    {
        var dataset = M.Collection("observations", "obs_logs", Cases[name]);
        var plan = MongoDbCheckPipeline.Plan(dataset, dataset.Rules, M.Now, Policy(dataset));
        var rendered = MongoDbCheckPipeline.Render(plan.Stages);
        // What the driver sends is exactly what the planner built.
        Assert.Equal(MongoDbCheckPipeline.ToJson(plan.Stages), MongoDbCheckPipeline.ToJson(rendered));
        var errors = plan.Slots.Where(s => s.Error is not null).Select(s => $"// {s.Rule}: {s.Error}");
        var warnings = plan.Warnings.Select(w => $"// warning: {w}");
        Match($"{name}.json", string.Join("\n", errors.Concat(warnings).Append(MongoDbCheckPipeline.ToJson(rendered))));
    }

    [Fact]
    public void Observation_logs_pipeline_matches_its_baseline()
    {
        var dataset = LabModel.ObservationLogs();
        var stages = MongoDbCheckPipeline.Render(MongoDbCheckPipeline.Build(dataset, M.Now, M.MongoDbPolicy([dataset])));
        Assert.Single(stages);
        Assert.Equal("$group", stages[0].GetElement(0).Name);
        Match("observation_logs.json", MongoDbCheckPipeline.ToJson(stages));
        var ttl = MongoDbNativeRetentionPlanner.Plan(dataset, out _)!;
        Match("observation_logs.ttl.json", ttl.CreateCommand().ToJson(new MongoDB.Bson.IO.JsonWriterSettings { Indent = true }));
    }

    [Fact]
    public void The_plan_printed_for_policyc_plan_matches_its_baseline()
    {
        var every = M.Collection("observations", "obs", Cases["every_kind"], retention: M.Retention(archive: "archive"));
        var policy = M.MongoDbPolicy([LabModel.ObservationLogs(), every, M.Collection("telescopes", "telescopes", [])]);
        var text = new StringWriter { NewLine = "\n" };
        MongoDbPlanWriter.Write(policy, M.Now, text);
        Match("plan.txt", text.ToString());
    }

    [Fact]
    public void Only_unique_and_references_turn_the_group_into_a_facet()
    {
        foreach (var (name, rules) in Cases)
        {
            var dataset = M.Collection("observations", "obs_logs", rules);
            var plan = MongoDbCheckPipeline.Plan(dataset, rules, M.Now, Policy(dataset));
            var needsFacet = rules.Any(r => r.Kind is RuleKind.Unique or RuleKind.References or RuleKind.Monotonic);
            Assert.True(needsFacet == plan.IsFacet, name);
            // One stage; aggregates outside a facet finish with one $set after the $group.
            Assert.Equal(!needsFacet && rules.Any(r => r.Kind == RuleKind.Aggregate) ? 2 : 1, plan.Stages.Length);
        }
    }

    /// <summary>The baseline <paramref name="name"/> beside this file, compared with its trailing white space folded to one newline.</summary>
    private static void Match(string name, string actual, [CallerFilePath] string here = "") =>
        Baseline.Match(Path.Combine(Path.GetDirectoryName(here)!, name), actual.TrimEnd() + "\n");
}
