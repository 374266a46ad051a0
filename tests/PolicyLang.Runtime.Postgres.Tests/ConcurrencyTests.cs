using PolicyLang.Runtime.Audit;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>Two runs scheduled at the same time: the advisory lock makes the second wait, so no row is processed twice.</summary>
public sealed class ConcurrencyTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    [Fact]
    public async Task Two_concurrent_runs_process_each_row_exactly_once()
    {
        using var dir = new TempDir();
        await PostgresEvents.SeedAsync(db, expired: 40, fresh: 5);
        var original = await PostgresEvents.TableRowsAsync(db);
        var policy = PostgresEvents.Policy(M.Retention());

        var runs = await Task.WhenAll(
            Task.Run(() => M.RunPostgresAsync(policy, M.PostgresOptions(db.ConnectionString, dir.Path, 5))),
            Task.Run(() => M.RunPostgresAsync(policy, M.PostgresOptions(db.ConnectionString, dir.Path, 5))));

        Assert.All(runs, r => Assert.Null(r.Retention.Single().Error));
        Assert.Equal([0L, 40L], runs.Select(r => r.Retention.Single().Deleted).Order());
        Assert.Equal(original.Take(40), await PostgresEvents.ArchivedRowsAsync(dir));
        Assert.Equal(original.Skip(40), await PostgresEvents.TableRowsAsync(db));
        var records = await PostgresEvents.AuditAsync(db);
        Assert.Empty(AuditVerifier.Verify(records));
        Assert.Equal(8, records.Count(r => r.Action == "delete"));
    }

    [Fact]
    public async Task The_lock_is_held_during_retention_and_released_after()
    {
        var dataset = M.Dataset("events", "locked_events", "id", []);
        await using var first = M.OpenPostgres(M.PostgresPolicy([dataset]), db.ConnectionString);
        await using var second = M.OpenPostgres(M.PostgresPolicy([dataset]), db.ConnectionString);
        var held = await first.LockRetentionAsync(dataset, CancellationToken.None);
        var waiting = second.LockRetentionAsync(dataset, CancellationToken.None);
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(2, await db.ScalarAsync(// pg_locks is cluster-wide and other test classes run in parallel: count this database's locks only (held + awaited).
            $"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = {PostgresStore.RetentionLockClass} " +
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"));
        await held!.DisposeAsync();
        await using var acquired = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(acquired);
    }
}
