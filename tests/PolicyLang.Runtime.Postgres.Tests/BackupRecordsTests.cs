using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>
/// A backup whose tool records each copy in a PostgreSQL table (<c>evidence in db table "..." by finished_at</c>): PostgreSQL counts
/// and spans the records in one statement, and the runner judges the newest against the schedule and the oldest against the retention.
/// </summary>
public sealed class BackupRecordsTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    private static PolicyModel WithBackup(string table, string column, Duration every, Duration? retain) =>
        M.PostgresPolicy([]) with
        {
            Backups = [new BackupModel("nightly", "db", null, every, retain, M.Src) { Records = new BackupRecords(table, column) }],
        };

    private Task<RunReport> RunAsync(PolicyModel policy) =>
        M.RunPostgresAsync(policy, new Running.RunOptions
        {
            BaseDirectory = Path.GetTempPath(), Now = M.Now, Environment = name => name == M.PostgresVariable ? db.ConnectionString : null,
        });

    private static readonly Duration Day = new(1, DurationUnit.Day);

    [Theory]
    [InlineData("timestamptz", "'2026-06-01 09:00:00+00'", "'2026-05-12 09:00:00+00'", "2026-06-01T09:00:00+00:00")]
    [InlineData("timestamp", "'2026-06-01 09:00:00'", "'2026-05-12 09:00:00'", "2026-06-01T09:00:00+00:00")]
    [InlineData("date", "'2026-06-01'", "'2026-05-12'", "2026-06-01T00:00:00+00:00")]
    public async Task Records_within_the_schedule_and_retention_pass_whatever_the_time_type(string type, string newest, string oldest, string expectedNewest)
    {
        var table = $"backups_{type}";
        await db.ExecAsync($"CREATE SCHEMA IF NOT EXISTS ops", $"CREATE TABLE ops.{table} (id serial, finished_at {type}, note text)",
            $"INSERT INTO ops.{table} (finished_at, note) VALUES ({newest}, 'n'), ({oldest}, 'o'), (NULL, 'a failed attempt')");

        var report = await RunAsync(WithBackup($"ops.{table}", "finished_at", Day, new Duration(30, DurationUnit.Day)));

        var backup = Assert.Single(report.Backups);
        Assert.True(backup.Status == BackupStatus.Passed, backup.Detail);
        Assert.Equal(2, backup.Copies);
        Assert.Equal(DateTimeOffset.Parse(expectedNewest, System.Globalization.CultureInfo.InvariantCulture), backup.Newest);
        Assert.Equal(($"ops.{table}", "finished_at", null), (backup.Table, backup.TimeColumn, backup.Prefix));
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public async Task A_stale_newest_record_and_an_old_oldest_fail_the_run_and_an_empty_table_fails_too()
    {
        await db.ExecAsync("CREATE TABLE backup_log (finished_at timestamptz)",
            "INSERT INTO backup_log VALUES ('2026-05-20 00:00:00+00'), ('2026-01-01 00:00:00+00')", "CREATE TABLE backup_log_empty (finished_at timestamptz)");

        var stale = await RunAsync(WithBackup("backup_log", "finished_at", Day, new Duration(30, DurationUnit.Day)));
        var backup = Assert.Single(stale.Backups);
        Assert.Equal(BackupStatus.Failed, backup.Status);
        Assert.Contains("the newest copy is 12 days old, older than the schedule allows (every 1 day)", backup.Detail, StringComparison.Ordinal);
        Assert.Contains("the oldest copy is 151 days old, kept past the retention (30 days, plus 1 day for the tool to prune)", backup.Detail, StringComparison.Ordinal);
        Assert.Equal(1, stale.ExitCode);
        Assert.Contains("copies recorded in db 'backup_log'", JunitWriter.Write(stale), StringComparison.Ordinal);

        var empty = await RunAsync(WithBackup("backup_log_empty", "finished_at", Day, null));
        Assert.Equal("no copy recorded in 'backup_log_empty' of store 'db' (no row with a time in 'finished_at')", Assert.Single(empty.Backups).Detail);
    }

    [Fact]
    public async Task A_column_that_holds_no_time_or_a_missing_table_is_one_line_naming_it()
    {
        await db.ExecAsync("CREATE TABLE backup_text (finished_at text)", "INSERT INTO backup_text VALUES ('yesterday')");

        var text = Assert.Single((await RunAsync(WithBackup("backup_text", "finished_at", Day, null))).Backups);
        Assert.Equal(BackupStatus.Error, text.Status);
        Assert.StartsWith("store 'db': the backup records' column 'finished_at' of 'backup_text' must hold a timestamp or a date", text.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text.Detail);

        var missing = Assert.Single((await RunAsync(WithBackup("no_such_log", "finished_at", Day, null))).Backups);
        Assert.Equal(BackupStatus.Error, missing.Status);
        Assert.Contains("no_such_log", missing.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', missing.Detail);
    }
}
