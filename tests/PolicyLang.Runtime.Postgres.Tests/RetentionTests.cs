using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Running;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

public sealed class RetentionTests(PgDatabase db) : IClassFixture<PgDatabase>, IDisposable
{
    private readonly TempDir dir = new();
    private readonly string table = "events_" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => dir.Dispose();

    private RunOptions Options(int batch = 5) => M.PostgresOptions(db.ConnectionString, dir.Path, batch);

    [Theory]
    [InlineData("parquet", true)]
    [InlineData("jsonl", true)]
    [InlineData("parquet", false)]
    public async Task Expired_rows_are_archived_verified_then_deleted(string format, bool indexed)
    {
        await PostgresEvents.SeedAsync(db, expired: 17, fresh: 8, table, indexed);
        var original = await PostgresEvents.TableRowsAsync(db, table);
        var report = await M.RunPostgresAsync(PostgresEvents.Policy(M.Retention(format: format), table), Options());
        var result = report.Retention.Single();
        Assert.Null(result.Error);
        Assert.Equal((17, 17, 4), (result.Archived, result.Deleted, result.Batches));
        Assert.Equal(original.Skip(17), await PostgresEvents.TableRowsAsync(db, table));
        Assert.Equal(original.Take(17), await PostgresEvents.ArchivedRowsAsync(dir));
        Assert.All(PostgresEvents.Manifests(dir), m => Assert.NotNull(m.CompletedAt));
    }

    [Theory]
    [InlineData("parquet", true)]
    [InlineData("jsonl", true)]
    [InlineData("parquet", false)]
    public async Task A_batch_larger_than_a_chunk_is_deleted_by_several_statements_and_archived_whole(string format, bool indexed)
    {
        // Batches of 7 rows in chunks of 3: every batch is three DELETE statements (3 + 3 + 1) and one archive object.
        await PostgresEvents.SeedAsync(db, expired: 17, fresh: 4, table, indexed);
        var original = await PostgresEvents.TableRowsAsync(db, table);
        var policy = PostgresEvents.Policy(M.Retention(format: format), table);
        await using var store = M.OpenPostgres(policy, db.ConnectionString);
        store.ChunkRows = 3;
        await using var archive = new Stores.Folder.FolderStore(policy.Stores[1], dir.Archive);
        var protocol = new Retention.RetentionProtocol("testpolicy", policy.Datasets[0], store, archive, Options(batch: 7), (_, _) => Task.CompletedTask);
        var result = await protocol.RunAsync(M.Now, CancellationToken.None);
        Assert.Equal((17, 17, 3), (result.Archived, result.Deleted, result.Batches));
        Assert.Equal(original.Skip(17), await PostgresEvents.TableRowsAsync(db, table));
        Assert.Equal(original.Take(17), await PostgresEvents.ArchivedRowsAsync(dir));
        Assert.Equal([7, 7, 3], PostgresEvents.Manifests(dir).Select(m => m.RowCount).Order().Reverse());
    }

    [Fact]
    public async Task Row_groups_are_bounded_by_size_inside_a_chunk()
    {
        // About 100 bytes of values per row and a 250-byte bound: each 7-row batch (one chunk) is written as row groups of
        // three rows or fewer, and the archive still holds every row once.
        await PostgresEvents.SeedAsync(db, expired: 14, fresh: 2, table);
        var original = await PostgresEvents.TableRowsAsync(db, table);
        var policy = PostgresEvents.Policy(M.Retention(), table);
        await using var store = M.OpenPostgres(policy, db.ConnectionString);
        store.RowGroupBytes = 250;
        await using var archive = new Stores.Folder.FolderStore(policy.Stores[1], dir.Archive);
        var protocol = new Retention.RetentionProtocol("testpolicy", policy.Datasets[0], store, archive, Options(batch: 7), (_, _) => Task.CompletedTask);
        var result = await protocol.RunAsync(M.Now, CancellationToken.None);
        Assert.Equal((14, 14), (result.Archived, result.Deleted));
        Assert.Equal(original.Take(14), await PostgresEvents.ArchivedRowsAsync(dir));
        Assert.All(await PostgresEvents.RowGroupSizesAsync(dir), sizes => Assert.True(sizes.Count >= 3 && sizes.All(n => n is > 0 and <= 3), string.Join(",", sizes)));
    }

    [Fact]
    public async Task A_second_run_finds_nothing_and_a_dry_run_changes_nothing()
    {
        await PostgresEvents.SeedAsync(db, expired: 6, fresh: 2, table);
        var policy = PostgresEvents.Policy(M.Retention(), table);
        var dry = await M.RunPostgresAsync(policy, new RunOptions { BaseDirectory = dir.Path, Now = M.Now, DryRun = true, Environment = Options().Environment });
        Assert.Equal(6, dry.Retention.Single().WouldProcess);
        Assert.Equal(8, await db.ScalarAsync($"SELECT count(*) FROM {table}"));
        await M.RunPostgresAsync(policy, Options());
        var again = await M.RunPostgresAsync(policy, Options());
        Assert.Equal((0, 0), (again.Retention.Single().Deleted, again.Retention.Single().Batches));
        Assert.Equal(2, await db.ScalarAsync($"SELECT count(*) FROM {table}"));
    }

    [Fact]
    public async Task Anonymize_nulls_the_columns_once_and_keeps_the_rows()
    {
        await PostgresEvents.SeedAsync(db, expired: 9, fresh: 3, table);
        var policy = PostgresEvents.Policy(M.Retention(archive: null, action: "anonymize", columns: ["payload", "amount"]), table);
        var report = await M.RunPostgresAsync(policy, Options());
        Assert.Equal(9, report.Retention.Single().Anonymized);
        Assert.Equal(12, await db.ScalarAsync($"SELECT count(*) FROM {table}"));
        Assert.Equal(9, await db.ScalarAsync($"SELECT count(*) FROM {table} WHERE payload IS NULL AND amount IS NULL AND id <= 9"));
        Assert.Equal(0, (await M.RunPostgresAsync(policy, Options())).Retention.Single().Anonymized);
    }

    [Fact]
    public async Task Every_step_is_audited_in_a_verified_chain()
    {
        await PostgresEvents.SeedAsync(db, expired: 7, fresh: 1, table);
        await M.RunPostgresAsync(PostgresEvents.Policy(M.Retention(), table), Options());
        var records = await PostgresEvents.AuditAsync(db);
        Assert.Empty(AuditVerifier.Verify(records));
        Assert.Equal(["archive", "verify", "delete", "archive", "verify", "delete"], records.TakeLast(6).Select(r => r.Action));
    }

    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 2)]
    [InlineData(true, 3)]
    [InlineData(false, 3)]
    public async Task A_failure_after_the_archive_rolls_the_batch_delete_back_and_the_next_run_finishes_it(bool indexed, int failing)
    {
        // Batches of 5 over 12 rows: 5, 5, 2. Failing the last batch while the one after it is already being deleted (it
        // waits for the last batch's row locks) must roll both back, not hang.
        // The store deletes a batch and exports it in one statement, committing only after verification: an error between
        // them must leave the batch's rows in the table, and the stored archive must be finished (not duplicated) later.
        await PostgresEvents.SeedAsync(db, expired: 12, fresh: 3, table, indexed);
        var original = await PostgresEvents.TableRowsAsync(db, table);
        var policy = PostgresEvents.Policy(M.Retention(), table);
        var report = await M.RunPostgresAsync(policy, new RunOptions
        {
            BaseDirectory = dir.Path, Now = M.Now, BatchSize = 5, Environment = Options().Environment,
            FaultInjection = p => p.Name == FaultPoint.AfterVerify && p.Batch == failing
                ? throw new IOException("archive network dropped")
                : ValueTask.CompletedTask,
        }).WaitAsync(TimeSpan.FromSeconds(20)); // a lock wait between the two batches would stall until the 30 s command timeout
        var failed = report.Retention.Single();
        var done = 5 * (failing - 1);
        Assert.Contains("archive network dropped", failed.Error);
        Assert.Equal(done, failed.Deleted);
        Assert.Equal(original.Skip(done), await PostgresEvents.TableRowsAsync(db, table));
        Assert.Single(PostgresEvents.Manifests(dir), m => m.CompletedAt is null);

        var next = (await M.RunPostgresAsync(policy, Options())).Retention.Single();
        Assert.Null(next.Error);
        Assert.Equal((1, 12 - done), (next.Recovered, next.Deleted));
        Assert.Equal(original.Skip(12), await PostgresEvents.TableRowsAsync(db, table));
        Assert.Equal(original.Take(12), await PostgresEvents.ArchivedRowsAsync(dir));
        Assert.All(PostgresEvents.Manifests(dir), m => Assert.NotNull(m.CompletedAt));
    }

    [Fact]
    public async Task A_slow_archive_outlives_a_short_idle_in_transaction_timeout()
    {
        // The server ends sessions idle in a transaction after 300 ms; each batch's archive takes longer than that while its
        // delete is open. Without the transaction's own exemption every commit would fail and nothing would be deleted.
        await PostgresEvents.SeedAsync(db, expired: 7, fresh: 2, table);
        var original = await PostgresEvents.TableRowsAsync(db, table);
        var connection = db.ConnectionString + ";Options=-c idle_in_transaction_session_timeout=300";
        var report = await M.RunPostgresAsync(PostgresEvents.Policy(M.Retention(), table), new RunOptions
        {
            BaseDirectory = dir.Path, Now = M.Now, BatchSize = 5, Environment = M.PostgresOptions(connection, dir.Path).Environment,
            FaultInjection = async p => { if (p.Name == FaultPoint.AfterVerify) { await Task.Delay(800); } },
        });
        var result = report.Retention.Single();
        Assert.Null(result.Error);
        Assert.Equal((7, 7), (result.Archived, result.Deleted));
        Assert.Equal(original.Skip(7), await PostgresEvents.TableRowsAsync(db, table));
        Assert.Equal(original.Take(7), await PostgresEvents.ArchivedRowsAsync(dir));
    }

    [Fact]
    public async Task A_key_repeated_among_expired_rows_stops_retention_before_anything_is_deleted()
    {
        await db.ExecAsync($"CREATE TABLE {table} (id bigint, payload text, amount double precision, created timestamp)",
            $"INSERT INTO {table} VALUES (1, 'a', 1, '2026-01-01'), (2, 'b', 2, '2026-01-02'), (2, 'c', 3, '2026-01-03'), (3, 'd', 4, '2026-05-31')");
        var report = await M.RunPostgresAsync(PostgresEvents.Policy(M.Retention(), table), Options(batch: 10));
        Assert.Contains("not unique", report.Retention.Single().Error);
        Assert.Equal(4, await db.ScalarAsync($"SELECT count(*) FROM {table}"));
        Assert.Empty(PostgresEvents.Manifests(dir));
    }

    [Fact]
    public async Task An_expired_row_inserted_mid_batch_is_never_deleted_unarchived()
    {
        // While batch 1 (rows 1-5) is archived, its delete still uncommitted, a writer adds an expired row inside its
        // (created, id) span. The delete did not see it, and the run goes on after batch 1, so the row stays in the table;
        // the next run archives and deletes it. Never is it deleted without being archived.
        await PostgresEvents.SeedAsync(db, expired: 12, fresh: 3, table);
        var inserted = false;
        var options = Options();
        var policy = PostgresEvents.Policy(M.Retention(), table);
        var report = await M.RunPostgresAsync(policy, new RunOptions
        {
            BaseDirectory = dir.Path, Now = M.Now, BatchSize = 5, Environment = options.Environment,
            FaultInjection = async p =>
            {
                if (p.Name != FaultPoint.AfterArchive || inserted)
                {
                    return;
                }

                inserted = true;
                await db.ExecAsync($"INSERT INTO {table} VALUES (1000, 'late', 1, '2026-02-21 14:30:00')");
            },
        });
        Assert.Null(report.Retention.Single().Error);
        Assert.Equal(12, report.Retention.Single().Deleted);
        Assert.DoesNotContain(await PostgresEvents.ArchivedRowsAsync(dir), r => r.StartsWith("1000|", StringComparison.Ordinal));
        Assert.Equal(4, await db.ScalarAsync($"SELECT count(*) FROM {table}"));

        var next = await M.RunPostgresAsync(policy, Options());
        Assert.Equal(1, next.Retention.Single().Deleted);
        var archived = await PostgresEvents.ArchivedRowsAsync(dir);
        Assert.Equal(13, archived.Distinct().Count());
        Assert.Contains(archived, r => r.StartsWith("1000|late", StringComparison.Ordinal));
        Assert.Equal(3, await db.ScalarAsync($"SELECT count(*) FROM {table}"));
    }
}

/// <summary>Batches addressed by an index range on (by, key): used when it names exactly the selected keys.</summary>
public sealed class BatchRangeTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    [Fact]
    public async Task Oldest_first_then_by_numeric_key_and_every_batch_uses_the_range()
    {
        // Ten rows share each timestamp, so the key decides the order inside it: numerically (9 before 12), not as text.
        await db.ExecAsync("CREATE TABLE ticks (id bigint PRIMARY KEY, v text, created timestamp)", "CREATE INDEX ON ticks (created, id)",
            "INSERT INTO ticks SELECT g, 'v' || g, timestamp '2026-01-01' + (g % 3) * interval '1 hour' FROM generate_series(1, 30) g");
        var retention = new Model.RetentionModel(new Model.Duration(30, DurationUnit.Day), "created", null, null, "delete", [], M.Src);
        var dataset = M.Dataset("ticks", "ticks", "id", [], retention);
        await using var store = M.OpenPostgres(M.PostgresPolicy([dataset]), db.ConnectionString);
        var keys = await store.SelectExpiredKeysAsync(new Stores.RetentionSelection(dataset, retention, M.Now.AddDays(-30)), 5, CancellationToken.None);
        Assert.Equal(["3", "6", "9", "12", "15"], keys);

        var protocol = new Retention.RetentionProtocol("testpolicy", dataset, store, null, M.PostgresOptions(db.ConnectionString, Path.GetTempPath(), 4),
            (_, _) => Task.CompletedTask);
        var result = await protocol.RunAsync(M.Now, CancellationToken.None);
        Assert.Equal((30, 8), (result.Deleted, result.Batches));
        Assert.Equal(8, store.RangeBatches);
    }

    [Fact]
    public async Task An_export_whose_range_gained_a_row_falls_back_to_the_exact_keys()
    {
        await db.ExecAsync("CREATE TABLE late_ticks (id bigint PRIMARY KEY, v text, created timestamp)", "CREATE INDEX ON late_ticks (created, id)",
            "INSERT INTO late_ticks SELECT g, 'v' || g, timestamp '2026-01-01' + g * interval '1 hour' FROM generate_series(1, 20) g");
        var retention = new Model.RetentionModel(new Model.Duration(30, DurationUnit.Day), "created", null, null, "delete", [], M.Src);
        var dataset = M.Dataset("late_ticks", "late_ticks", "id", [], retention);
        await using var store = M.OpenPostgres(M.PostgresPolicy([dataset]), db.ConnectionString);
        var keys = await store.SelectExpiredKeysAsync(new Stores.RetentionSelection(dataset, retention, M.Now.AddDays(-30)), 5, CancellationToken.None);
        // Inside the batch's (created, id) span, so the range now holds six rows for five keys.
        await db.ExecAsync("INSERT INTO late_ticks VALUES (1000, 'late', '2026-01-01 02:30:00')");
        var file = Path.Combine(Path.GetTempPath(), $"pl-late-{Guid.NewGuid():N}.jsonl");
        try
        {
            Assert.Equal(5, await store.ExportAsync(dataset, keys, "jsonl", file, CancellationToken.None));
            Assert.Equal(0, store.RangeBatches);
            Assert.DoesNotContain("late", await File.ReadAllTextAsync(file));
            Assert.Equal(5, (await File.ReadAllLinesAsync(file)).Length);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
