using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Running;
using PolicyLang.Testing.Retention;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>
/// Retention batched by a composite key (<c>key run_id, lane</c>; docs/composite-keys.md) on PostgreSQL: the one-step archiving delete
/// (with and without an index on the retention column, so by range and by key list), the two-step anonymize, a crash mid-delete.
/// </summary>
public sealed class CompositeKeyRetentionTests(PgDatabase db) : IClassFixture<PgDatabase>, IDisposable
{
    private readonly TempDir dir = new();
    private readonly string table = "lanes_" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => dir.Dispose();

    private Task<Reporting.RunReport> Run(RetentionModel retention, int batch = 4, Func<FaultPoint, ValueTask>? fault = null)
    {
        var policy = M.Policy([M.Postgres(), M.Folder()], [CompositeLanes.Dataset(retention, table)], new AuditModel("archive", "audit", null, true));
        var options = M.PostgresOptions(db.ConnectionString, dir.Path, batch);
        return M.RunPostgresAsync(policy, new RunOptions
        {
            BaseDirectory = options.BaseDirectory, Now = options.Now, BatchSize = options.BatchSize, Environment = options.Environment, FaultInjection = fault,
        });
    }

    private async Task<List<string>> TableAsync() => CompositeLanes.Rows(await db.QueryAsync(CompositeLanes.Select(table)));

    private async Task SeedAsync(int expired, bool primaryKey, bool indexed)
    {
        await db.ExecAsync(CompositeLanes.Seed(expired, primaryKey, table));
        if (indexed)
        {
            await db.ExecAsync($"CREATE INDEX ON {table} (created, run_id, lane)");
        }
    }

    [Theory]
    [InlineData(true, true, 4)]
    [InlineData(false, false, 4)]
    [InlineData(true, false, 1)]
    [InlineData(false, true, 50)]
    public async Task Expired_rows_are_archived_then_deleted_by_both_key_columns(bool primaryKey, bool indexed, int batch)
    {
        await SeedAsync(expired: 11, primaryKey, indexed);
        var before = await TableAsync();
        var report = await Run(M.Retention(), batch);

        var result = report.Retention.Single();
        Assert.True(result.Error is null, result.Error);
        Assert.Equal((11, 11), (result.Archived, result.Deleted));
        var archived = CompositeLanes.Archived(dir);
        Assert.Equal(11, archived.Count);
        Assert.Equal(before, archived.Concat(await TableAsync()).Order(StringComparer.Ordinal));
        Assert.All(CompositeLanes.Manifests(dir), m => Assert.Equal(["run_id", "lane"], m.KeyColumns!));
        Assert.All(CompositeLanes.Manifests(dir).SelectMany(m => m.Keys), k => Assert.Equal(2, RetentionKeys.Split(k, 2).Count));
        Assert.Equal(0, (await Run(M.Retention(), batch)).Retention.Single().Batches);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_crash_mid_delete_is_finished_by_the_next_run_without_duplicates(bool indexed)
    {
        await SeedAsync(expired: 11, primaryKey: true, indexed);
        var before = await TableAsync();
        var crashed = await Run(M.Retention(), fault: p => p is { Name: FaultPoint.MidDelete, Batch: 2 } ? throw new IOException("simulated crash") : ValueTask.CompletedTask);
        Assert.Contains("simulated crash", crashed.Retention.Single().Error);
        var resumed = await Run(M.Retention());
        Assert.True(resumed.Retention.Single().Error is null, resumed.Retention.Single().Error);
        Assert.Equal(1, resumed.Retention.Single().Recovered);
        var archived = CompositeLanes.Archived(dir);
        Assert.Equal(archived.Count, archived.Distinct().Count());
        Assert.Equal(before, archived.Concat(await TableAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Anonymize_archives_then_nulls_the_listed_columns_of_exactly_the_expired_rows()
    {
        await SeedAsync(expired: 7, primaryKey: true, indexed: true);
        var report = await Run(M.Retention(action: "anonymize", columns: ["payload"]), batch: 3);
        Assert.True(report.Retention.Single().Error is null, report.Retention.Single().Error);
        Assert.Equal(7, report.Retention.Single().Anonymized);
        Assert.Equal(7, await db.ScalarAsync($"SELECT count(*) FROM {table} WHERE payload IS NULL AND created < '{M.Now.AddDays(-30).UtcDateTime:yyyy-MM-dd HH:mm:ss}'"));
        Assert.Equal(7, await db.ScalarAsync($"SELECT count(*) FROM {table} WHERE payload IS NULL"));
        Assert.Equal(7, CompositeLanes.Archived(dir).Count);
    }

    [Fact]
    public async Task An_expired_row_with_a_null_key_column_rolls_its_batch_back()
    {
        await SeedAsync(expired: 11, primaryKey: false, indexed: true);
        await db.ExecAsync($"INSERT INTO {table} VALUES (NULL, 2, 'orphan', '{M.Now.AddDays(-200).UtcDateTime:yyyy-MM-dd HH:mm:ss}')");
        var before = await TableAsync();
        var report = await Run(M.Retention());
        Assert.Contains("null key column 'run_id'", report.Retention.Single().Error);
        Assert.Equal(before, await TableAsync());
        Assert.Empty(CompositeLanes.Manifests(dir));
    }
}
