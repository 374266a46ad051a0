using System.Diagnostics;
using System.Globalization;
using PolicyLang.Runtime.Running;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>
/// The PostgreSQL backend process serving the runner's open delete transaction is frozen (SIGSTOP): the server itself, not the path
/// to it, stops answering, and not even a cancel or pg_terminate_backend can act on that process until it runs again. The commit
/// gets no answer, so the dataset fails in one line within the timeout budget and the run ends; nothing unverified is deleted. Once
/// the backend is resumed (SIGCONT, always, in a finally), it ends at once, its delete rolled back and its locks released, and a rerun
/// completes with table ∪ archive = original.
/// </summary>
public sealed class FrozenBackendTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    [SignalsFact]
    public async Task A_frozen_backend_fails_retention_in_bounded_time_and_after_it_resumes_its_delete_is_rolled_back_and_a_rerun_completes()
    {
        using var dir = new TempDir();
        await db.ExecAsync("DROP TABLE IF EXISTS events");
        await PostgresEvents.SeedAsync(db, expired: 17, fresh: 8);
        var original = await PostgresEvents.TableRowsAsync(db);
        var defaults = M.PostgresOptions(db.ConnectionString, dir.Path, 5);
        var frozen = 0;
        var clock = new Stopwatch();
        try
        {
            var report = await M.RunPostgresAsync(PostgresEvents.Policy(M.Retention()), new RunOptions
            {
                BaseDirectory = dir.Path, Now = defaults.Now, BatchSize = 5, Environment = defaults.Environment,
                Remote = new RemoteLimits(TimeSpan.FromSeconds(2), 1, 5),
                FaultInjection = async p =>
                {
                    // Batch 2 is archived and its delete is still uncommitted: freeze the backend of that transaction (the oldest open one).
                    if (p is not { Name: FaultPoint.AfterArchive, Batch: 2 })
                    {
                        return;
                    }

                    frozen = (int)(await db.QueryAsync(
                        """
                        SELECT pid FROM pg_stat_activity
                        WHERE datname = current_database() AND state = 'idle in transaction' AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL
                        ORDER BY xact_start LIMIT 1
                        """)).Single()[0]!;
                    Signal("STOP", frozen);
                    clock.Start();
                },
            });
            clock.Stop();

            Assert.NotEqual(0, frozen);
            Assert.Equal("T", ProcessState(frozen));
            var error = Assert.Single(report.Retention).Error;
            Assert.Matches(@"^store 'db': PostgreSQL at 127\.0\.0\.1:\d+ did not answer within 2 s; the statement was cancelled and its transaction rolled back$", error);
            Assert.Equal(2, report.ExitCode);
            Assert.Equal(1, report.Retention.Single().Batches);
            // The commit's timeout (2 s), the driver's wait for an answer to its cancel (2 s), ending the session, the batch ahead's rollback.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the run took {clock.Elapsed} after the freeze");
            // Batch 1 committed; batch 2's delete is not (its backend cannot commit while stopped).
            Assert.Equal(original.Skip(5), await PostgresEvents.TableRowsAsync(db));
        }
        finally
        {
            if (frozen != 0)
            {
                Signal("CONT", frozen);
            }
        }

        // Resumed, the backend finds its session ended: it exits, rolling batch 2's delete back and releasing its row locks.
        var resumed = Stopwatch.StartNew();
        while (await db.ScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE pid = {frozen}") > 0 && resumed.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, await db.ScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE pid = {frozen}"));
        Assert.Equal(0, await db.ScalarAsync(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'events' AND l.pid <> pg_backend_pid()"));
        Assert.Equal(original.Skip(5), await PostgresEvents.TableRowsAsync(db));

        var rerun = await M.RunPostgresAsync(PostgresEvents.Policy(M.Retention()), M.PostgresOptions(db.ConnectionString, dir.Path, 5));
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(1, rerun.Retention.Single().Recovered);
        Assert.Equal(original.Take(17), await PostgresEvents.ArchivedRowsAsync(dir));
        Assert.Equal(original.Skip(17), await PostgresEvents.TableRowsAsync(db));
    }

    private static void Signal(string signal, int pid)
    {
        var (exit, output) = Privileged.Exec("kill", "-" + signal, pid.ToString(CultureInfo.InvariantCulture));
        Assert.True(exit == 0, $"kill -{signal} {pid}: {output}");
    }

    /// <summary>The process's state letter from /proc (T: stopped).</summary>
    private static string ProcessState(int pid) =>
        File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].Trim().Split(' ')[0];
}
