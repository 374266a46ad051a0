using System.Runtime.CompilerServices;
using MongoDB.Bson;
using MongoDB.Driver;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests.Baselines;

/// <summary>
/// Incremental checks on MongoDB (docs/incremental-checks.md): the window's leading <c>$match</c> on every counting aggregate and
/// inside each sample's filter, rendered by the driver without a server, against checked-in JSON (Baselines/window_*.json).
/// </summary>
public sealed class WindowBaselineTests
{
    private static readonly IReadOnlyList<RuleModel> Rules =
    [
        M.Rule("seeing_between", RuleKind.Between, "seeing", 0.2, 5L) with { Watermark = "observed_at" },
        M.Rule("operator_not_null", RuleKind.NotNull, "operator") with { Watermark = "observed_at" },
    ];

    public static readonly Dictionary<string, CheckWindow> Windows = new()
    {
        ["window_instants"] = new("observed_at", "2026-05-31T00:00:00Z", "2026-06-01T00:00:00Z"),
        ["window_integers"] = new("seq", "1000", "1250"),
        ["window_dates"] = new("night", "2026-05-30", "2026-05-31"),
        ["window_first_run"] = new("observed_at", null, "2026-06-01T00:00:00Z"),
        ["window_empty"] = new("observed_at", "2026-06-01T00:00:00Z", null),
    };

    public static TheoryData<string> WindowNames() => new(Windows.Keys);

    [Theory]
    [MemberData(nameof(WindowNames))]
    public void Window_pipeline_and_sample_filter_match_their_baseline(string name)
    {
        var dataset = M.Collection("observations", "obs_logs", Rules);
        var request = new DatasetCheckRequest(dataset, Rules, M.Now, M.MongoDbPolicy([dataset])) { Window = Windows[name] };
        var plan = MongoDbCheckPlanner.Plan(request, 5);
        var fused = MongoDbCheckPipeline.Render(plan.Queries[0].Stages!);
        var total = MongoDbCheckPipeline.Render(plan.Total.Stages!);
        // The window leads every counting aggregate, so an index on the watermark field bounds the scan.
        Assert.Equal(fused[0], total[0]);
        Assert.Equal("$match", fused[0].GetElement(0).Name);
        var sample = plan.Samples["seeing_between"].Filter!;
        var renderedSample = new BsonDocumentFilterDefinition<BsonDocument>(sample)
            .Render(new RenderArgs<BsonDocument>(MongoDB.Bson.Serialization.Serializers.BsonDocumentSerializer.Instance, MongoDB.Bson.Serialization.BsonSerializer.SerializerRegistry));
        Match($"{name}.json", "// fused aggregate\n" + MongoDbCheckPipeline.ToJson(fused) + "\n// sample filter of seeing_between\n" +
            MongoDbCheckPipeline.ToJson([renderedSample]));
    }

    [Fact]
    public void The_whole_collection_has_no_window_stage()
    {
        var dataset = M.Collection("observations", "obs_logs", Rules);
        var plan = MongoDbCheckPlanner.Plan(new DatasetCheckRequest(dataset, Rules, M.Now, M.MongoDbPolicy([dataset])), 5);
        Assert.Equal("$group", Assert.Single(plan.Queries[0].Stages!).GetElement(0).Name);
    }

    private static void Match(string name, string actual, [CallerFilePath] string here = "") =>
        Baseline.Match(Path.Combine(Path.GetDirectoryName(here)!, name), actual.TrimEnd() + "\n");
}
