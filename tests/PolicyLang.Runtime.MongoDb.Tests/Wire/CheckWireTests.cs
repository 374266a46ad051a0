using MongoDB.Bson;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using Xunit;
using static PolicyLang.Runtime.MongoDb.Tests.Wire.WireSupport;

namespace PolicyLang.Runtime.MongoDb.Tests.Wire;

/// <summary>The exact commands a check run sends, asserted on the wire against python3-mockupdb.</summary>
public sealed class CheckWireTests
{
    [Fact]
    public async Task Observation_logs_is_one_aggregate_one_projected_stream_and_bounded_samples()
    {
        var replies = Replies(
            ("aggregate", [Batch(new BsonDocument { { "_id", BsonNull.Value }, { "total", 4 }, { "r0", 1 }, { "r1", 1 }, { "r2", 0 } })]),
            ("listIndexes", [Batch(new BsonDocument { { "v", 2 }, { "key", new BsonDocument("_id", 1) }, { "name", "_id_" } })]),
            ("find",
            [
                Batch(
                    new BsonDocument { { "_id", Id(1) }, { "exposure_s", 4000 }, { "mode", "deep" } },
                    new BsonDocument { { "_id", Id(2) }, { "exposure_s", 10.5 }, { "mode", "deep" } },
                    new BsonDocument { { "_id", Id(3) }, { "exposure_s", 5000L }, { "mode", "survey" } },
                    new BsonDocument { { "_id", Id(4) }, { "mode", BsonNull.Value } }),
                Batch(new BsonDocument { { "_id", Id(1) }, { "telescope", "T9" } }),
            ]));
        using var mock = new MockMongo(replies);
        using var dir = new TempDir();
        var dataset = LabModel.ObservationLogs();
        var report = await RunAsync(mock, M.MongoDbPolicy([dataset]), dir.Path, retention: false);

        Assert.Empty(report.Errors);
        Assert.Empty(report.Datasets.Single().Errors);
        var commands = mock.On("obs_logs");
        var aggregate = Assert.Single(commands, c => c.Name == "aggregate").Doc;
        Assert.Equal(new BsonArray(MongoDbCheckPipeline.Render(MongoDbCheckPipeline.Build(dataset, M.Now, M.MongoDbPolicy([dataset])))), aggregate["pipeline"]);
        Assert.True(aggregate["allowDiskUse"].AsBoolean);

        var finds = commands.Where(c => c.Name == "find").Select(c => c.Doc).ToList();
        // The csharp rule's stream: every document, but only the key and the two fields the predicate reads.
        var stream = Assert.Single(finds, f => !f.Contains("limit"));
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "exposure_s", 1 }, { "mode", 1 } }, stream["projection"]);
        Assert.Equal(new BsonDocument(), stream.GetValue("filter", new BsonDocument()));
        // Samples of broken rules: bounded, filtered by the rule's own violation, projected to key and field.
        var samples = finds.Where(f => f.Contains("limit")).ToList();
        Assert.Equal(2, samples.Count);
        Assert.All(samples, s => Assert.Equal(5, s["limit"].ToInt32()));
        Assert.All(samples, s => Assert.True(s["filter"].AsBsonDocument.Contains("$expr")));
        // TTL drift (listIndexes), the one aggregate, the stream, two samples: nothing else touches the collection.
        Assert.Equal(["listIndexes", "aggregate", "find", "find", "find"], commands.Select(c => c.Name));

        var rules = report.Rules.ToDictionary(r => r.Rule);
        Assert.Equal((1L, RuleStatus.Failed), (rules["telescope_in"].Violations, rules["telescope_in"].Status));
        Assert.Equal((0L, RuleStatus.Passed), (rules["operator_not_null"].Violations, rules["operator_not_null"].Status));
        Assert.Equal(2, rules["long_exposure_only_in_survey"].Violations);
        Assert.All(report.Rules, r => Assert.Equal(4, r.Total));
        Assert.Equal("4 rules → 2 queries", report.Datasets.Single().QueriesSummary);
        var drift = Assert.Single(report.Datasets.Single().SchemaDrift);
        Assert.Equal(("observed_at", "ttl-missing"), (drift.Column, drift.Finding));
    }

    [Fact]
    public async Task A_collection_with_unique_and_no_csharp_rules_sends_exactly_one_aggregate_and_no_find()
    {
        var replies = Replies(("aggregate", [Batch(BsonDocument.Parse("{ counts: [ { _id: null, total: 3, r0: 0, r2: 0 } ], r1: [] }"))]));
        using var mock = new MockMongo(replies);
        using var dir = new TempDir();
        var dataset = M.Collection("frames", "frames",
        [
            M.Rule("frame_id_not_null", RuleKind.NotNull, "frame_id"),
            M.Rule("frame_id_unique", RuleKind.Unique, "frame_id"),
            M.Rule("site_lat_between", RuleKind.Between, "site.lat", -90L, 90L),
            M.Rule("rows_at_least", RuleKind.RowsAtLeast, null, 3L),
        ]);
        var report = await RunAsync(mock, M.MongoDbPolicy([dataset]), dir.Path);

        Assert.Empty(report.Datasets.Single().Errors);
        var command = Assert.Single(mock.Commands());
        Assert.Equal(("aggregate", "frames"), (command.Name, command.Doc["aggregate"].AsString));
        Assert.Equal("$facet", command.Doc["pipeline"][0].AsBsonDocument.GetElement(0).Name);
        Assert.All(report.Rules, r => Assert.Equal((0L, 3L, RuleStatus.Passed), (r.Violations, r.Total, r.Status)));
    }

    [Fact]
    public async Task Unique_and_references_samples_are_bounded_aggregates()
    {
        var replies = Replies(("aggregate",
        [
            Batch(BsonDocument.Parse("{ counts: [ { _id: null, total: 3 } ], r0: [ { _id: null, v: 2 } ], r1: [ { _id: null, v: 1 } ] }")),
            Batch(BsonDocument.Parse("{ _id: 1, frame_id: 'f' }"), BsonDocument.Parse("{ _id: 2, frame_id: 'f' }")),
            Batch(BsonDocument.Parse("{ _id: 3, telescope: 'T9' }")),
        ]));
        using var mock = new MockMongo(replies);
        using var dir = new TempDir();
        var frames = M.Collection("frames", "frames",
        [
            M.Rule("frame_id_unique", RuleKind.Unique, "frame_id"),
            M.Rule("telescope_references", RuleKind.References, "telescope") with { TargetDataset = "telescopes", TargetColumn = "code" },
        ]);
        var report = await RunAsync(mock, M.MongoDbPolicy([frames, M.Collection("telescopes", "telescopes", [])]), dir.Path);

        Assert.Empty(report.Datasets.SelectMany(d => d.Errors));
        var aggregates = mock.On("frames").Select(c => c.Doc["pipeline"].AsBsonArray.Select(s => s.AsBsonDocument.GetElement(0).Name).ToList()).ToList();
        Assert.Equal(["aggregate", "aggregate", "aggregate"], mock.Commands().Select(c => c.Name));
        Assert.Equal(["$match", "$setWindowFields", "$match", "$sort", "$limit", "$project"], aggregates[1]);
        Assert.Equal(["$match", "$lookup", "$match", "$sort", "$limit", "$project"], aggregates[2]);
        Assert.Equal(["1", "2"], report.Rules.Single(r => r.Rule == "frame_id_unique").Samples.Select(s => s["_id"]));
        Assert.Equal(["3"], report.Rules.Single(r => r.Rule == "telescope_references").Samples.Select(s => s["_id"]));
    }

    [Fact]
    public async Task A_rejected_pipeline_is_retried_rule_by_rule_so_one_bad_rule_reports_alone()
    {
        var invalid = BsonDocument.Parse("{ ok: 0, errmsg: 'Invalid regular expression: missing )', code: 51091, codeName: 'Location51091' }");
        var replies = Replies(("aggregate",
        [
            invalid,                                                                         // the shared pipeline
            Batch(new BsonDocument { { "_id", BsonNull.Value }, { "total", 3 } }),            // the total alone
            Batch(new BsonDocument { { "_id", BsonNull.Value }, { "total", 3 }, { "r0", 1 } }), // not null alone
            invalid,                                                                         // the bad pattern alone
        ]), ("find", [Batch(new BsonDocument { { "_id", 2 }, { "frame_id", BsonNull.Value } })]));
        using var mock = new MockMongo(replies);
        using var dir = new TempDir();
        var dataset = M.Collection("frames", "frames",
            [M.Rule("frame_id_not_null", RuleKind.NotNull, "frame_id"), M.Rule("name_matches", RuleKind.Matches, "name", "(unclosed")]);
        var report = await RunAsync(mock, M.MongoDbPolicy([dataset]), dir.Path);

        Assert.Empty(report.Datasets.Single().Errors);
        var rules = report.Rules.ToDictionary(r => r.Rule);
        Assert.Equal((1L, 3L, RuleStatus.Failed), (rules["frame_id_not_null"].Violations, rules["frame_id_not_null"].Total, rules["frame_id_not_null"].Status));
        Assert.Equal(RuleStatus.Error, rules["name_matches"].Status);
        Assert.Contains("Invalid regular expression", rules["name_matches"].Error);
        Assert.Equal(["aggregate", "aggregate", "aggregate", "aggregate", "find"], mock.Commands().Select(c => c.Name));
    }

    [Fact]
    public async Task An_empty_answer_is_told_apart_from_a_missing_collection()
    {
        var dataset = M.Collection("frames", "frames", [M.Rule("frame_id_not_null", RuleKind.NotNull, "frame_id")]);
        var replies = Replies(("aggregate", [Batch()]), ("listCollections", [Batch()]));
        using (var mock = new MockMongo(replies))
        using (var dir = new TempDir())
        {
            var report = await RunAsync(mock, M.MongoDbPolicy([dataset]), dir.Path);
            Assert.Contains("collection 'frames' does not exist in database 'labdb'", Assert.Single(report.Datasets.Single().Errors));
            Assert.Equal(["aggregate", "listCollections"], mock.Commands().Select(c => c.Name));
        }

        var exists = Replies(("aggregate", [Batch()]), ("listCollections", [Batch(new BsonDocument { { "name", "frames" }, { "type", "collection" } })]));
        using (var mock = new MockMongo(exists))
        using (var dir = new TempDir())
        {
            var report = await RunAsync(mock, M.MongoDbPolicy([dataset]), dir.Path);
            Assert.Empty(report.Datasets.Single().Errors);
            Assert.Equal((0L, 0L, RuleStatus.Passed), (report.Rules.Single().Violations, report.Rules.Single().Total, report.Rules.Single().Status));
        }
    }

    [Fact]
    public async Task Tls_required_never_speaks_plain_text_and_never_shows_the_uri()
    {
        using var mock = new MockMongo(new BsonDocument());
        using var dir = new TempDir();
        var url = $"mongodb://auditor:s3cr3t-pw@127.0.0.1:{mock.Port}/labdb?directConnection=true&serverSelectionTimeoutMS=1500&connectTimeoutMS=1000";
        var report = await RunAsync(mock, M.MongoDbPolicy([LabModel.ObservationLogs()], tls: "required"), dir.Path, retention: false, url: url);

        Assert.NotEmpty(report.Datasets.Single().Errors);
        // Not even a handshake reached the plain-text server: the driver only ever offered TLS.
        Assert.Empty(mock.AllCommands());
        Assert.DoesNotContain("s3cr3t-pw", report.ToJson());
    }
}
