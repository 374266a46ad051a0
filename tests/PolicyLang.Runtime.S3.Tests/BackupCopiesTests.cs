using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using Xunit;

namespace PolicyLang.Runtime.S3.Tests;

/// <summary>
/// A backup's copies (<c>evidence in</c> an s3 prefix) against the local S3 server: the newest copy's age against the schedule,
/// the oldest against the retention, reported as a run step (JSON, JUnit, metrics) that fails the run when the copies do.
/// </summary>
public sealed class BackupCopiesTests
{
    private static PolicyModel WithBackup(StoreModel s3, string prefix, Duration every, Duration? retain) =>
        Policies.Prefix(s3, "unrelated/", []) with
        {
            Datasets = [],
            Backups = [new BackupModel("weekly", s3.Name, prefix, every, retain, M.Src)],
        };

    private static async Task<string> BucketWithCopiesAsync()
    {
        var bucket = await S3Env.NewBucketAsync();
        foreach (var key in new[] { "backups/db/full-1.tar", "backups/db/full-2.tar", "backups/other/x.tar" })
        {
            await S3Env.PutAsync(bucket, key, [1, 2, 3]);
        }

        return bucket;
    }

    [Fact]
    public async Task A_weekly_backup_whose_newest_copy_is_20_days_old_fails_the_run()
    {
        using var dir = new TempDir();
        var bucket = await BucketWithCopiesAsync();
        var model = WithBackup(M.S3(bucket, S3Env.Url), "backups/db/", new Duration(1, DurationUnit.Week), new Duration(90, DurationUnit.Day));

        // The copies were written just now: twenty days on, the newest is 20 days old.
        var report = await Run.PolicyAsync(model, dir, now: DateTimeOffset.UtcNow.AddDays(20).AddMinutes(5));

        var backup = Assert.Single(report.Backups);
        Assert.Equal(BackupStatus.Failed, backup.Status);
        Assert.Equal(2, backup.Copies);
        Assert.Contains("the newest copy is 20 days old, older than the schedule allows (every 1 week)", backup.Detail, StringComparison.Ordinal);
        Assert.Equal(1, report.ExitCode);
        var junit = JunitWriter.Write(report);
        Assert.Contains("classname=\"testpolicy.backup.weekly\"", junit, StringComparison.Ordinal);
        Assert.Contains("<failure message=\"the newest copy is 20 days old", junit, StringComparison.Ordinal);
        Assert.Contains("policylang_backup_passed{policy=\"testpolicy\",backup=\"weekly\"} 0", PrometheusMetrics.Write(report, null), StringComparison.Ordinal);
        Assert.Contains("\"backups\"", report.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fresh_copies_within_the_retention_pass()
    {
        using var dir = new TempDir();
        var bucket = await BucketWithCopiesAsync();
        var model = WithBackup(M.S3(bucket, S3Env.Url), "backups/db/", new Duration(1, DurationUnit.Week), new Duration(30, DurationUnit.Day));

        var report = await Run.PolicyAsync(model, dir, now: DateTimeOffset.UtcNow.AddDays(1));

        var backup = Assert.Single(report.Backups);
        Assert.True(backup.Status == BackupStatus.Passed, backup.Detail);
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("policylang_backup_passed{policy=\"testpolicy\",backup=\"weekly\"} 1", PrometheusMetrics.Write(report, null), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copies_kept_past_the_retention_and_an_empty_prefix_fail()
    {
        using var dir = new TempDir();
        var bucket = await BucketWithCopiesAsync();
        var s3 = M.S3(bucket, S3Env.Url);

        var kept = await Run.PolicyAsync(WithBackup(s3, "backups/db/", new Duration(1, DurationUnit.Day), new Duration(3, DurationUnit.Day)), dir, now: DateTimeOffset.UtcNow.AddDays(6));
        Assert.Contains("kept past the retention (3 days, plus 1 day for the tool to prune)", Assert.Single(kept.Backups).Detail, StringComparison.Ordinal);

        var empty = await Run.PolicyAsync(WithBackup(s3, "backups/none/", new Duration(1, DurationUnit.Day), null), dir);
        Assert.Equal("no copy under 'backups/none/' in store 'offsite'", Assert.Single(empty.Backups).Detail);
    }
}
