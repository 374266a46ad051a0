using System.Diagnostics;
using PolicyLang.Runtime.Running;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>
/// A PostgreSQL session that does not answer in time (another session holds the table): retention fails in one line after the run's
/// timeout, its transactions are rolled back at once (no lock of the runner left in pg_locks), and the rerun completes.
/// </summary>
public sealed class LockedTableTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    [Fact]
    public async Task A_table_locked_by_another_session_fails_retention_after_the_timeout_and_leaves_no_lock()
    {
        using var dir = new TempDir();
        await db.ExecAsync("DROP TABLE IF EXISTS events");
        await PostgresEvents.SeedAsync(db, expired: 17, fresh: 8);
        var original = await PostgresEvents.TableRowsAsync(db);
        await using var blocker = await db.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockTable = new Npgsql.NpgsqlCommand("LOCK TABLE events IN ACCESS EXCLUSIVE MODE", blocker, hold))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var options = M.PostgresOptions(db.ConnectionString, dir.Path, 5);
        var clock = Stopwatch.StartNew();

        var report = await M.RunPostgresAsync(PostgresEvents.Policy(M.Retention()), new RunOptions
        {
            BaseDirectory = options.BaseDirectory, Now = options.Now, BatchSize = 5, Environment = options.Environment,
            Remote = new RemoteLimits(TimeSpan.FromSeconds(2), 1, 5),
        });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the run took {clock.Elapsed}");
        var error = Assert.Single(report.Retention).Error;
        Assert.Matches(@"^store 'db': PostgreSQL at 127\.0\.0\.1:\d+ did not answer within 2 s; the statement was cancelled and its transaction rolled back$", error);
        Assert.Equal(2, report.ExitCode);
        // Only the blocker holds anything on the table: the runner's sessions released theirs when the statement timed out.
        var locks = await db.ScalarAsync("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'events' AND l.pid <> "
            + blocker.ProcessID.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, locks);
        await hold.RollbackAsync();

        Assert.Equal(original, await PostgresEvents.TableRowsAsync(db));
        var rerun = await M.RunPostgresAsync(PostgresEvents.Policy(M.Retention()), options);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(original.Take(17), await PostgresEvents.ArchivedRowsAsync(dir));
        Assert.Equal(original.Skip(17), await PostgresEvents.TableRowsAsync(db));
    }
}
