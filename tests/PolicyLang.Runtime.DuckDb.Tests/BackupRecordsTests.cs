using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;
using Xunit;

namespace PolicyLang.Runtime.DuckDb.Tests;

/// <summary>
/// A backup whose tool records each copy in a DuckDB table (<c>evidence in local table "..." by finished_at</c>): DuckDB counts and
/// spans the records in one statement (a time without zone, and a date, read as UTC); the runner judges them like objects.
/// </summary>
public sealed class BackupRecordsTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private Task<RunReport> RunAsync(string table, Duration every, Duration? retain) =>
        PolicyRunner.RunAsync(
            new TestPolicy(M.DuckDbPolicy([]) with
            {
                Backups = [new BackupModel("nightly", "db", null, every, retain, M.Src) { Records = new BackupRecords(table, "finished_at") }],
            }),
            new RunOptions { BaseDirectory = dir.Path, Now = M.Now },
            CancellationToken.None);

    [Theory]
    [InlineData("TIMESTAMPTZ", "'2026-06-01 09:00:00+00'", "'2026-05-12 09:00:00+00'", "2026-06-01T09:00:00+00:00")]
    [InlineData("TIMESTAMP", "'2026-06-01 09:00:00'", "'2026-05-12 09:00:00'", "2026-06-01T09:00:00+00:00")]
    [InlineData("DATE", "'2026-06-01'", "'2026-05-12'", "2026-06-01T00:00:00+00:00")]
    public async Task Records_are_spanned_by_the_engine_whatever_the_time_type(string type, string newest, string oldest, string expectedNewest)
    {
        dir.Exec("CREATE SCHEMA ops", $"CREATE TABLE ops.backups (finished_at {type}, note VARCHAR)",
            $"INSERT INTO ops.backups VALUES ({newest}, 'n'), ({oldest}, 'o'), (NULL, 'a failed attempt')");

        var report = await RunAsync("ops.backups", new Duration(1, DurationUnit.Day), new Duration(30, DurationUnit.Day));

        var backup = Assert.Single(report.Backups);
        Assert.True(backup.Status == BackupStatus.Passed, backup.Detail);
        Assert.Equal((2L, DateTimeOffset.Parse(expectedNewest, System.Globalization.CultureInfo.InvariantCulture)), (backup.Copies, backup.Newest!.Value));
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public async Task A_weekly_backup_whose_newest_record_is_20_days_old_fails()
    {
        dir.Exec("CREATE TABLE backup_log (finished_at TIMESTAMPTZ)", "INSERT INTO backup_log VALUES ('2026-05-12 12:00:00+00')");

        var report = await RunAsync("backup_log", new Duration(1, DurationUnit.Week), null);

        var backup = Assert.Single(report.Backups);
        Assert.Equal(BackupStatus.Failed, backup.Status);
        Assert.Equal("the newest copy is 20 days old, older than the schedule allows (every 1 week)", backup.Detail);
        Assert.Equal(1, report.ExitCode);
    }

    [Fact]
    public async Task A_column_that_holds_no_time_is_one_line_naming_it()
    {
        dir.Exec("CREATE TABLE backup_text (finished_at VARCHAR)", "INSERT INTO backup_text VALUES ('yesterday')");

        var backup = Assert.Single((await RunAsync("backup_text", new Duration(1, DurationUnit.Day), null)).Backups);

        Assert.Equal(BackupStatus.Error, backup.Status);
        Assert.StartsWith("store 'db': the backup records' column 'finished_at' of 'backup_text' must hold a timestamp or a date", backup.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', backup.Detail);
    }
}
