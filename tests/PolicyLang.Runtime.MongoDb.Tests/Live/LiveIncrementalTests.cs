using MongoDB.Bson;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests.Live;

/// <summary>
/// Incremental checks on a live server (docs/incremental-checks.md), only when <c>POLICYLANG_TEST_MONGO_URL</c> is set (otherwise
/// reported SKIPPED with that reason): two runs with new documents between, the watermarks kept in the history collection.
/// </summary>
public sealed class LiveIncrementalTests
{
    private static PolicyModel Policy()
    {
        var rules = new[]
        {
            M.Rule("mag_between", RuleKind.Between, "mag", 0L, 10L) with { Watermark = "ts" },
            M.Rule("id_unique", RuleKind.Unique, "id"),
            M.Rule("mag_not_null", RuleKind.NotNull, "mag") with { Watermark = "id" },
        };
        return M.MongoDbPolicy([M.Collection("obs", "obs", rules, key: "id")], tls: LiveMongo.Tls)
            with { History = new HistoryModel("telemetry", "collection", "policylang_history") };
    }

    private static BsonDocument Obs(long id, int day, double? mag) => new()
    {
        { "id", id }, { "ts", new BsonDateTime(new DateTime(2026, 1, day, 0, 0, 0, DateTimeKind.Utc)) }, { "mag", mag is { } m ? m : BsonNull.Value },
    };

    private static RuleResult Rule(RunReport report, string name) => report.Rules.Single(r => r.Rule == name);

    [LiveMongoFact]
    public async Task Second_run_checks_new_documents_only_and_finds_duplicates_across_old_and_new()
    {
        using var live = new LiveMongo();
        Console.WriteLine($"LIVE MongoDB incremental test on {LiveMongoFactAttribute.Variable} (database {live.DatabaseName})");
        await live["obs"].InsertManyAsync([Obs(1, 1, 5), Obs(2, 2, 50), Obs(3, 3, null)]);

        var first = await live.RunAsync(Policy());
        Assert.Empty(first.Errors);
        var mag = Rule(first, "mag_between");
        Assert.Equal((2L, 3L), (mag.Violations, mag.Total));
        Assert.Equal(("ts", null, "2026-01-03T00:00:00Z"), (mag.Window!.Column, mag.Window.From, mag.Window.To));
        Assert.Equal("3", Rule(first, "mag_not_null").Window!.To);
        Assert.Null(Rule(first, "id_unique").Window);

        // New documents: one good, one out of band, one repeating an old id. The old violations are not reported again.
        await live["obs"].InsertManyAsync([Obs(4, 4, 7), Obs(5, 5, 70), Obs(1, 6, 6)]);
        var second = await live.RunAsync(Policy());
        Assert.Empty(second.Errors);
        mag = Rule(second, "mag_between");
        Assert.Equal((1L, 3L), (mag.Violations, mag.Total));
        Assert.Equal(("2026-01-03T00:00:00Z", "2026-01-06T00:00:00Z"), (mag.Window!.From, mag.Window.To));
        var notNull = Rule(second, "mag_not_null");
        Assert.Equal((0L, "3", "5"), (notNull.Violations, notNull.Window!.From, notNull.Window.To));
        var unique = Rule(second, "id_unique");
        Assert.Equal((2L, 6L), (unique.Violations, unique.Total));
    }
}
