using System.Diagnostics;
using Npgsql;
using PolicyLang.Runtime.Running;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>
/// The connection that holds a batch's open delete transaction freezes (a proxy stops forwarding it, both sockets stay open): the
/// commit gets no answer, so the dataset fails in one line within the timeout budget; the server-side session, which would
/// otherwise sit idle in its transaction holding the batch's row locks for as long as the path stays open, is ended at once, so
/// the delete is rolled back and no lock is left in pg_locks; nothing unverified is deleted, and a rerun completes.
/// </summary>
public sealed class FrozenConnectionTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    [Fact]
    public async Task A_frozen_connection_fails_retention_in_bounded_time_and_its_transaction_is_rolled_back_at_once()
    {
        using var dir = new TempDir();
        await db.ExecAsync("DROP TABLE IF EXISTS events");
        await PostgresEvents.SeedAsync(db, expired: 17, fresh: 8);
        var original = await PostgresEvents.TableRowsAsync(db);
        var direct = new NpgsqlConnectionStringBuilder(db.ConnectionString);
        using var proxy = new FreezableProxy(direct.Host!, direct.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Port = proxy.Port }.ConnectionString;
        var frozenSession = 0;
        var options = M.PostgresOptions(throughProxy, dir.Path, 5);
        var clock = new Stopwatch();

        var report = await M.RunPostgresAsync(PostgresEvents.Policy(M.Retention()), new RunOptions
        {
            BaseDirectory = options.BaseDirectory, Now = options.Now, BatchSize = 5, Environment = options.Environment,
            Remote = new RemoteLimits(TimeSpan.FromSeconds(2), 1, 5),
            FaultInjection = async p =>
            {
                // Batch 2 is archived and its delete is still uncommitted: freeze the connection of that transaction (the oldest open one).
                if (p is not { Name: FaultPoint.AfterArchive, Batch: 2 })
                {
                    return;
                }

                var session = (await db.QueryAsync(
                    """
                    SELECT pid, client_port FROM pg_stat_activity
                    WHERE datname = current_database() AND state = 'idle in transaction' AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL
                    ORDER BY xact_start LIMIT 1
                    """)).Single();
                frozenSession = (int)session[0]!;
                proxy.Freeze((int)session[1]!);
                clock.Start();
            },
        });
        clock.Stop();

        Assert.NotEqual(0, frozenSession);
        var error = Assert.Single(report.Retention).Error;
        Assert.Matches(@"^store 'db': PostgreSQL at 127\.0\.0\.1:\d+ did not answer within 2 s; the statement was cancelled and its transaction rolled back$", error);
        Assert.Equal(2, report.ExitCode);
        // The commit's timeout (2 s), the driver's wait for an answer to its cancel (2 s), ending the session, the batch ahead's rollback.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the run took {clock.Elapsed} after the freeze");
        // At once, while the proxy still holds the frozen path open: the session is gone and holds nothing.
        Assert.Equal(0, await db.ScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE pid = {frozenSession}"));
        Assert.Equal(0, await db.ScalarAsync(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'events' AND l.pid <> pg_backend_pid()"));
        // Batch 1 committed; batch 2's delete was rolled back although its archive was verified.
        Assert.Equal(original.Skip(5), await PostgresEvents.TableRowsAsync(db));

        var rerun = await M.RunPostgresAsync(PostgresEvents.Policy(M.Retention()), M.PostgresOptions(db.ConnectionString, dir.Path, 5));
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(1, rerun.Retention.Single().Recovered);
        Assert.Equal(original.Take(17), await PostgresEvents.ArchivedRowsAsync(dir));
        Assert.Equal(original.Skip(17), await PostgresEvents.TableRowsAsync(db));
    }
}
