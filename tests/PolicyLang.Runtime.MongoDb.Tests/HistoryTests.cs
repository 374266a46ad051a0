using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using PolicyLang.Runtime.History;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Running;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests;

/// <summary>
/// The run history in a MongoDB collection (docs/history.md): documents and filters rendered offline; runs written and read back on a
/// live server only when <c>POLICYLANG_TEST_MONGO_URL</c> is set (otherwise reported SKIPPED with that reason).
/// </summary>
public sealed class HistoryTests
{
    private static readonly HistoryRecord Record = new()
    {
        RunId = "20260601T120000.000Z-0123456789abcdef", RunAt = M.Now, Policy = "lab", Dataset = "events", Entry = HistoryEntry.Rule,
        Rule = "payload_not_null", Kind = "NotNull", Severity = "error", Status = HistoryStatus.Failed, Violations = 2, Total = 15, Tolerance = 0.01,
        WindowColumn = "created", WindowFrom = "2026-05-31T00:00:00.0000000Z", WindowTo = "2026-06-01T00:00:00.0000000Z",
    };

    [Fact]
    public void A_document_has_the_schemas_field_names_and_round_trips()
    {
        var document = MongoDbHistoryDocuments.ToDocument(Record, M.Now.AddSeconds(3));
        Assert.Equal(["_id", .. HistoryColumns.All], document.Names);
        Assert.Equal(new BsonDateTime(M.Now.UtcDateTime), document["run_at"]);
        Assert.Equal(BsonNull.Value, document["error"]);
        Assert.Equal(Record, MongoDbHistoryDocuments.FromDocument(document));
    }

    [Fact]
    public void The_filter_narrows_on_the_server_and_always_keeps_the_run_documents()
    {
        var filter = MongoDbHistoryDocuments.Filter(new HistoryQuery("lab", "events", "payload_not_null", M.Now));
        var rendered = filter.Render(new RenderArgs<BsonDocument>(BsonSerializer.SerializerRegistry.GetSerializer<BsonDocument>(), BsonSerializer.SerializerRegistry));
        Assert.Equal(
            "{ \"policy\" : \"lab\", \"run_at\" : { \"$gte\" : { \"$date\" : \"2026-06-01T12:00:00Z\" } }, \"$or\" : [{ \"entry\" : \"run\" }, { \"dataset\" : \"events\", \"rule\" : \"payload_not_null\" }] }",
            rendered.ToJson());
        var all = MongoDbHistoryDocuments.Filter(new HistoryQuery("lab"))
            .Render(new RenderArgs<BsonDocument>(BsonSerializer.SerializerRegistry.GetSerializer<BsonDocument>(), BsonSerializer.SerializerRegistry));
        Assert.Equal("{ \"policy\" : \"lab\" }", all.ToJson());
    }

    [LiveMongoFact]
    public async Task Live_runs_are_kept_in_the_collection_and_read_back()
    {
        using var live = new LiveMongo();
        Console.WriteLine($"LIVE MongoDB history test on {LiveMongoFactAttribute.Variable} (database {live.DatabaseName})");
        await MongoDbRetentionEngine.Seed(live, expired: 0, fresh: 6);
        var policy = M.MongoDbPolicy([M.Dataset("events", "events", null, [M.Rule("payload_not_null", RuleKind.NotNull, "payload")], store: "telemetry")])
            with { History = new HistoryModel("telemetry", "collection", "policylang_history") };
        Assert.Empty((await live.RunAsync(policy)).Errors);
        Assert.Empty((await live.RunAsync(policy)).Errors);

        var runs = await HistoryLog.ReadAsync(new TestPolicy(policy), new RunOptions
        {
            BaseDirectory = live.Dir,
            Environment = name => name switch { "LAB_MONGO_URL" => live.Url, "LAB_MONGO_TLS" => LiveMongo.Tls, _ => null },
        }, new HistoryQuery(policy.Name), CancellationToken.None);
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal("payload_not_null", Assert.Single(r.Records).Rule));
        Assert.Equal(4, live["policylang_history"].CountDocuments(FilterDefinition<BsonDocument>.Empty));
    }
}
