using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Stores.Folder;
using Xunit;

namespace PolicyLang.Runtime.S3.Tests;

/// <summary>Prefix datasets: object count, object age and retention by last-modified, over paginated listings.</summary>
public sealed class PrefixTests
{
    [Fact]
    public async Task Objects_at_least_and_object_age_are_checked_on_the_prefix_only()
    {
        using var server = new PrivateS3Server();
        using var dir = new TempDir();
        var bucket = await S3Env.NewBucketAsync(server.Url);
        var now = DateTimeOffset.UtcNow;
        foreach (var (key, age) in new[] { ("raw/a.fits", 10.0), ("raw/b.fits", 12.0), ("raw/c.fits", 1 / 24.0), ("other/new.fits", 0.0) })
        {
            await S3Env.PutAsync(bucket, key, [1, 2, 3], server.Url);
            server.Age(bucket, key, now.AddDays(-age));
        }

        var rules = new[]
        {
            Policies.Rule("three", RuleKind.ObjectsAtLeast, 3L),
            Policies.Rule("five", RuleKind.ObjectsAtLeast, 5L),
            Policies.Rule("day", RuleKind.ObjectAgeFresherThan, window: new Duration(1, DurationUnit.Day)),
            Policies.Rule("half_hour", RuleKind.ObjectAgeFresherThan, window: new Duration(30, DurationUnit.Minute)),
            Policies.Rule("nonsense", RuleKind.NotNull),
        };

        var report = await Run.PolicyAsync(Policies.Prefix(M.S3(bucket, server.Url), "raw/", rules), dir, now: now);

        RuleResult Result(string name) => report.Rules.Single(r => r.Rule == name);
        Assert.Equal(3, report.Datasets.Single().Total);
        Assert.Equal(1, report.Datasets.Single().Queries);
        Assert.Equal(RuleStatus.Passed, Result("three").Status);
        Assert.Equal(RuleStatus.Failed, Result("five").Status);
        Assert.Equal(2, Result("five").Violations);
        Assert.Equal(RuleStatus.Passed, Result("day").Status);
        Assert.Equal(RuleStatus.Failed, Result("half_hour").Status);
        Assert.Equal("raw/c.fits", Result("half_hour").Samples![0]["key"]);
        Assert.Equal(RuleStatus.Error, Result("nonsense").Status);
        Assert.Contains("does not apply to the objects of an s3 prefix", Result("nonsense").Error);
    }

    [Fact]
    public async Task Retention_by_last_modified_deletes_only_expired_objects_in_audited_batches()
    {
        using var server = new PrivateS3Server();
        using var dir = new TempDir();
        var bucket = await S3Env.NewBucketAsync(server.Url);
        var now = DateTimeOffset.UtcNow;
        var keys = Enumerable.Range(1, 7).Select(i => $"raw/f{i}.fits").Append("other/old.fits").ToList();
        foreach (var key in keys)
        {
            await S3Env.PutAsync(bucket, key, [9], server.Url);
            var old = key.StartsWith("other/", StringComparison.Ordinal) || int.Parse(key[5..^5], System.Globalization.CultureInfo.InvariantCulture) <= 5;
            server.Age(bucket, key, old ? now.AddDays(-40) : now.AddDays(-2));
        }

        var report = await Run.PolicyAsync(Policies.Prefix(M.S3(bucket, server.Url), "raw/", [], new Duration(30, DurationUnit.Day)), dir, batch: 2, now: now);

        var retention = Assert.Single(report.Retention);
        Assert.Null(retention.Error);
        Assert.Equal(5, retention.Deleted);
        Assert.Equal(3, retention.Batches);
        Assert.Equal(["other/old.fits", "raw/f6.fits", "raw/f7.fits"], (await S3Env.ListAsync(bucket, "", server.Url)).Select(o => o.Key).Order().ToArray());
        var audit = await new FolderAuditSink(Path.Combine(dir.Path, "files", "testpolicy", "audit.jsonl"), "testpolicy", true).ReadAllAsync(CancellationToken.None);
        Assert.Equal([2L, 2L, 1L], audit.Where(r => r.Action == "delete").Select(r => r.Counts["rows"]).ToArray());
    }

    [Fact]
    public async Task Listing_and_retention_page_through_more_than_1000_objects()
    {
        using var dir = new TempDir();
        var bucket = await S3Env.NewBucketAsync();
        const int count = 1205;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => await S3Env.PutAsync(bucket, $"raw/{i:D5}.bin", [(byte)i]));
        await S3Env.PutAsync(bucket, "raw-not-this/x.bin", [0]);
        var http = new RecordingHttp();
        var model = Policies.Prefix(M.S3(bucket, S3Env.Url), "raw/", [Policies.Rule("all", RuleKind.ObjectsAtLeast, (long)count)],
            new Duration(30, DurationUnit.Day));

        // Sixty days on, every object is past the 30-day window.
        var report = await Run.PolicyAsync(model, dir, Run.Through(http), batch: 1100, now: DateTimeOffset.UtcNow.AddDays(60));

        Assert.True(report.Datasets.Single().Errors.Count == 0, string.Join("\n", report.Datasets.Single().Errors));
        Assert.Equal(count, report.Datasets.Single().Total);
        Assert.Equal(RuleStatus.Passed, report.Rules.Single().Status);
        var retention = Assert.Single(report.Retention);
        Assert.Null(retention.Error);
        Assert.Equal(count, retention.Deleted);
        Assert.Equal(2, retention.Batches);
        Assert.Equal(["raw-not-this/x.bin"], (await S3Env.ListAsync(bucket)).Select(o => o.Key).ToArray());
        Assert.Contains(http.Sent, r => r.Method == "GET" && r.PathAndQuery.Contains("continuation-token=", StringComparison.Ordinal));
        // 1,100 keys need two DeleteObjects requests (1,000 + 100), then 105.
        Assert.Equal(3, http.Where("POST", "?delete").Count());
    }

    [Fact]
    public async Task Prefix_retention_refuses_to_reach_into_the_stores_archive_objects()
    {
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 3, fresh: 1);
        var bucket = await S3Env.NewBucketAsync();
        var s3 = M.S3(bucket, S3Env.Url);
        var events = Policies.EventsToS3(s3);
        var everything = Policies.Prefix(s3, "", [], new Duration(1, DurationUnit.Day)).Datasets.Single();
        var model = events with { Datasets = [.. events.Datasets, everything] };

        // Far in the future, every archive object would be "expired" by last-modified.
        var report = await Run.PolicyAsync(model, dir, now: DateTimeOffset.UtcNow.AddDays(30));

        Assert.Null(report.Retention.Single(r => r.Dataset == "events").Error);
        Assert.Contains("overlaps the archive objects 'testpolicy/' of store 'offsite'", report.Retention.Single(r => r.Dataset == "raw").Error);
        // Thirty days past the wall clock, all four seeded rows are expired: all archived, none lost.
        Assert.Equal(4, (await DuckDbEvents.ArchivedInS3Async(dir, bucket)).Count);
    }
}
