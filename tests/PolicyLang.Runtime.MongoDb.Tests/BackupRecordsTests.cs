using MongoDB.Bson;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests;

/// <summary>
/// A backup whose tool records each copy in a MongoDB collection (<c>evidence in telemetry collection "backups" by finished_at</c>):
/// the summarizing pipeline rendered offline; judged on a live server only when <c>POLICYLANG_TEST_MONGO_URL</c> is set (otherwise
/// reported SKIPPED with that reason).
/// </summary>
public sealed class BackupRecordsTests
{
    [Fact]
    public void One_group_counts_the_documents_whose_field_is_a_date_with_the_oldest_and_newest()
    {
        var pipeline = new BsonArray(MongoDbBackupRecords.Pipeline("run.finished_at"));
        Assert.Equal(
            "[{ \"$group\" : { \"_id\" : null, " +
            "\"count\" : { \"$sum\" : { \"$cond\" : [{ \"$eq\" : [{ \"$type\" : \"$run.finished_at\" }, \"date\"] }, 1, 0] } }, " +
            "\"oldest\" : { \"$min\" : { \"$cond\" : [{ \"$eq\" : [{ \"$type\" : \"$run.finished_at\" }, \"date\"] }, \"$run.finished_at\", \"$$REMOVE\"] } }, " +
            "\"newest\" : { \"$max\" : { \"$cond\" : [{ \"$eq\" : [{ \"$type\" : \"$run.finished_at\" }, \"date\"] }, \"$run.finished_at\", \"$$REMOVE\"] } } } }]",
            pipeline.ToJson());
    }

    [LiveMongoFact]
    public async Task Live_records_are_judged_against_the_schedule()
    {
        using var live = new LiveMongo();
        Console.WriteLine($"LIVE MongoDB backup records test on {LiveMongoFactAttribute.Variable} (database {live.DatabaseName})");
        await live["backups"].InsertManyAsync(
        [
            new BsonDocument { { "finished_at", new BsonDateTime(M.Now.AddDays(-20).UtcDateTime) } },
            new BsonDocument { { "finished_at", "not a date" } },
            new BsonDocument { { "note", "no time" } },
        ]);
        var policy = M.MongoDbPolicy([]) with
        {
            Backups = [new BackupModel("weekly", "telemetry", null, new Duration(1, DurationUnit.Week), null, M.Src) { Records = new BackupRecords("backups", "finished_at") }],
        };

        var backup = Assert.Single((await live.RunAsync(policy)).Backups);

        Assert.Equal(BackupStatus.Failed, backup.Status);
        Assert.Equal(1, backup.Copies);
        Assert.Contains("the newest copy is 20 days old", backup.Detail, StringComparison.Ordinal);
    }
}
