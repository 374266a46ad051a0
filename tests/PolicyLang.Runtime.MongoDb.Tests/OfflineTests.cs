using MongoDB.Bson;
using MongoDB.Driver;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests;

/// <summary>The store's pure parts: keys, connection settings, result reading, BSON mapping, retention filter.</summary>
public sealed class OfflineTests
{
    [Fact]
    public void Keys_round_trip_every_id_type_and_stay_distinct()
    {
        var oid = ObjectId.Parse("665a1f77bcf86cd799439011");
        BsonValue[] ids = [oid, 5, 5L, "5", 5.5, new BsonDocument("a", 1), new BsonBinaryData(Guid.Parse("7d3c2a4e-0000-4000-8000-000000000001"), GuidRepresentation.Standard)];
        var texts = ids.Select(MongoDbKeys.Encode).ToList();
        Assert.Equal(texts.Count, texts.Distinct().Count());
        for (var i = 0; i < ids.Length; i++)
        {
            var back = MongoDbKeys.Decode(texts[i]);
            Assert.Equal(ids[i], back);
            Assert.Equal(ids[i].BsonType, back.BsonType);
        }

        Assert.Equal("{ \"$oid\" : \"665a1f77bcf86cd799439011\" }", texts[0]);
    }

    [Fact]
    public void Tls_required_forces_tls_and_refuses_insecure_uris()
    {
        var required = MongoDbConnection.Settings("t", "mongodb://h:27017/db?tls=false", "required");
        Assert.True(required.UseTls);
        Assert.False(required.AllowInsecureTls);
        Assert.True(MongoDbConnection.Settings("t", "mongodb://h:27017/db", null).UseTls);
        var ex = Assert.Throws<RunException>(() => MongoDbConnection.Settings("t", "mongodb://h/db?tls=true&tlsInsecure=true", "required"));
        Assert.Contains("certificate validation", ex.Message);
        Assert.False(MongoDbConnection.Settings("t", "mongodb://h/db", "disabled").UseTls);
        Assert.Throws<RunException>(() => MongoDbConnection.Settings("t", "mongodb://h/db?tls=true", "disabled"));
        Assert.True(MongoDbConnection.Settings("t", "mongodb://h/db?tls=true", "preferred").UseTls);
        Assert.False(MongoDbConnection.Settings("t", "mongodb://h/db", "preferred").UseTls);
        Assert.Throws<RunException>(() => MongoDbConnection.Settings("t", "mongodb://h/db", "sometimes"));
    }

    [Fact]
    public void A_bad_uri_is_reported_without_the_uri()
    {
        const string uri = "mongodb://admin:hunter2@h:99999999/db";
        var ex = Assert.Throws<RunException>(() => MongoDbConnection.Settings("telemetry", uri, "required"));
        Assert.DoesNotContain("hunter2", ex.ToString());
        Assert.Null(ex.InnerException);
    }

    [Fact]
    public void A_literal_connection_is_refused_and_a_database_is_required()
    {
        var store = new StoreModel("telemetry", "mongodb", new Dictionary<string, SettingValue> { ["connection"] = SettingValue.Of("mongodb://h/db") });
        var context = new StoreContext(M.MongoDbPolicy([]) with { Stores = [store] }, new RunOptions());
        var ex = Assert.Throws<RunException>(() => new MongoDbStoreProvider().Open(store, context));
        Assert.Contains("env(", ex.Message);
        Assert.DoesNotContain("mongodb://", ex.Message);
        Assert.Throws<RunException>(() => MongoDbConnection.Database("t", "mongodb://h:27017/"));
        Assert.Equal("labdb", MongoDbConnection.Database("t", "mongodb://h:27017/labdb?tls=true"));
    }

    [Fact]
    public void An_empty_collection_reads_as_zero_rows()
    {
        var dataset = LabModel.ObservationLogs();
        var rules = dataset.Rules.Where(r => r.Kind != RuleKind.CSharp).Append(M.Rule("rows_at_least", RuleKind.RowsAtLeast, null, 10L)).ToList();
        var plan = MongoDbCheckPipeline.Plan(dataset, rules, M.Now, null);
        var (total, counts) = plan.Read(null, _ => 10);
        Assert.Equal(0, total);
        Assert.Equal([0L, 0L, 0L, 10L], counts.Select(c => c.Violations));
    }

    [Fact]
    public void Facet_results_are_read_by_slot_with_int32_and_int64_sums()
    {
        var rules = new[]
        {
            M.Rule("a_not_null", RuleKind.NotNull, "a"),
            M.Rule("b_unique", RuleKind.Unique, "b"),
            M.Rule("c_fresher", RuleKind.FresherThan, "c") with { Window = new Duration(1, DurationUnit.Day) },
            M.Rule("bad", RuleKind.NotNull, "$x"),
        };
        var plan = MongoDbCheckPipeline.Plan(M.Collection("d", "d", rules), rules, M.Now, null);
        Assert.True(plan.IsFacet);
        var result = BsonDocument.Parse("{ counts: [ { _id: null, total: NumberLong(7), r0: 2, r2: 3, r2_fresh: 4 } ], r1: [ { _id: null, v: 4 } ] }");
        var (total, counts) = plan.Read(result, _ => 0);
        Assert.Equal(7, total);
        Assert.Equal([2L, 4L, 3L, 0L], counts.Select(c => c.Violations));
        Assert.Equal(4, counts[2].FreshRows);
        Assert.NotNull(counts[3].Error);
        Assert.All(counts, c => Assert.Equal(7, c.Total));
    }

    [Fact]
    public void Bson_maps_to_plain_dotnet_values()
    {
        var when = new DateTime(2026, 5, 1, 10, 0, 0, DateTimeKind.Utc);
        var doc = new BsonDocument
        {
            { "d", 1.5 }, { "s", "x" }, { "i", 3 }, { "l", 4L }, { "m", new BsonDecimal128(2.25m) }, { "b", true },
            { "t", when }, { "n", BsonNull.Value }, { "o", ObjectId.Parse("665a1f77bcf86cd799439011") },
            { "e", new BsonDocument("k", 1) }, { "a", new BsonArray { 1, "two" } },
        };
        var row = BsonMapping.ToRow(doc);
        Assert.Equal(1.5, row["d"]);
        Assert.Equal("x", row["s"]);
        Assert.Equal(3, row["i"]);
        Assert.Equal(4L, row["l"]);
        Assert.Equal(2.25m, row["m"]);
        Assert.Equal(true, row["b"]);
        Assert.Equal(new DateTimeOffset(when), row["t"]);
        Assert.Null(row["n"]);
        Assert.Equal("665a1f77bcf86cd799439011", row["o"]);
        Assert.Equal(1, ((IReadOnlyDictionary<string, object?>)row["e"]!)["k"]);
        Assert.Equal(new object?[] { 1, "two" }, (object?[])row["a"]!);
    }

    [Fact]
    public void Retention_selects_only_dates_before_the_cutoff_and_not_yet_anonymized_rows()
    {
        var dataset = M.Collection("events", "events", [], retention: M.Retention(action: "anonymize", columns: ["email"]));
        var filter = MongoDbStore.Expired(new RetentionSelection(dataset, dataset.Retention!, M.Now.AddDays(-30)));
        Assert.Equal("{ \"created\" : { \"$lt\" : { \"$date\" : \"2026-05-02T12:00:00Z\" } }, \"$or\" : [{ \"email\" : { \"$ne\" : null } }] }",
            filter.ToJson(new MongoDB.Bson.IO.JsonWriterSettings { OutputMode = MongoDB.Bson.IO.JsonOutputMode.RelaxedExtendedJson }));
    }

    [Fact]
    public async Task Archives_keep_documents_losslessly()
    {
        var docs = new List<BsonDocument>
        {
            new() { { "_id", 1 }, { "created", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) }, { "n", 5L }, { "x", new BsonDecimal128(1.1m) } },
            new() { { "_id", 2 }, { "created", "not a date" } },
        };
        var path = Path.Combine(Path.GetTempPath(), $"pl-{Guid.NewGuid():N}.jsonl");
        try
        {
            await MongoDbArchiveWriter.WriteAsync(docs, "_id", "created", "jsonl", path, CancellationToken.None);
            var back = File.ReadAllLines(path).Select(BsonDocument.Parse).ToList();
            Assert.Equal(docs, back);
            Assert.Equal(BsonType.Int64, back[0]["n"].BsonType);
            await MongoDbArchiveWriter.WriteAsync(docs, "_id", "created", "parquet", path + ".parquet", CancellationToken.None);
            Assert.Equal(2, await PolicyLang.Runtime.Stores.Folder.ArchiveFiles.CountRowsAsync(path + ".parquet", "parquet", CancellationToken.None));
            Assert.Equal(docs, ArchiveReader.ReadParquet(path + ".parquet"));
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".parquet");
        }
    }
}
