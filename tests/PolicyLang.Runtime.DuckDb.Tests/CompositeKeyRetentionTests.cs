using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Running;
using PolicyLang.Testing.Retention;
using Xunit;

namespace PolicyLang.Runtime.DuckDb.Tests;

/// <summary>Retention batched by a composite key (<c>key run_id, lane</c>; docs/composite-keys.md) on DuckDB.</summary>
public sealed class CompositeKeyRetentionTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private Task<Reporting.RunReport> Run(RetentionModel retention, int batch = 4, Func<FaultPoint, ValueTask>? fault = null)
    {
        var policy = M.Policy([M.DuckDb(), M.Folder()], [CompositeLanes.Dataset(retention)], new AuditModel("archive", "audit", null, true));
        return PolicyRunner.RunAsync(new TestPolicy(policy),
            new RunOptions { BaseDirectory = dir.Path, Now = M.Now, BatchSize = batch, FaultInjection = fault }, CancellationToken.None);
    }

    private List<string> Table() => CompositeLanes.Rows(dir.Query(CompositeLanes.Select(CompositeLanes.Table)));

    [Theory]
    [InlineData(false, 4)]
    [InlineData(true, 4)]
    [InlineData(false, 1)]
    [InlineData(true, 50)]
    public async Task Expired_rows_are_archived_then_deleted_by_both_key_columns(bool primaryKey, int batch)
    {
        dir.Exec(CompositeLanes.Seed(expired: 11, primaryKey));
        var before = Table();
        var report = await Run(M.Retention(), batch);

        var result = report.Retention.Single();
        Assert.Null(result.Error);
        Assert.Equal((11, 11), (result.Archived, result.Deleted));
        var archived = CompositeLanes.Archived(dir);
        Assert.Equal(11, archived.Count);
        Assert.Equal(before.Order(StringComparer.Ordinal), archived.Concat(Table()).Order(StringComparer.Ordinal));
        var manifests = CompositeLanes.Manifests(dir);
        Assert.All(manifests, m => Assert.Equal(["run_id", "lane"], m.KeyColumns!));
        Assert.All(manifests, m => Assert.Equal("run_id, lane", m.KeyColumn));
        Assert.All(manifests.SelectMany(m => m.Keys), k => Assert.Equal(2, RetentionKeys.Split(k, 2).Count));
        Assert.Contains(manifests.SelectMany(m => m.Keys), k => k.StartsWith("[\"r\\\"1\",", StringComparison.Ordinal) || k.StartsWith("[\"[\\\"r3\\\"]\",", StringComparison.Ordinal)
            || k.StartsWith("[\"r,2\",", StringComparison.Ordinal) || k.StartsWith("[\"\",", StringComparison.Ordinal));
        Assert.Equal(0, (await Run(M.Retention(), batch)).Retention.Single().Batches);
    }

    [Fact]
    public async Task A_crash_after_verification_is_finished_by_the_next_run_without_duplicates()
    {
        dir.Exec(CompositeLanes.Seed(expired: 11, primaryKey: false));
        var before = Table();
        var crashed = await Run(M.Retention(), fault: p => p is { Name: FaultPoint.AfterVerify, Batch: 2 } ? throw new IOException("simulated crash") : ValueTask.CompletedTask);
        Assert.Contains("simulated crash", crashed.Retention.Single().Error);
        var resumed = await Run(M.Retention());
        Assert.Equal(1, resumed.Retention.Single().Recovered);
        var archived = CompositeLanes.Archived(dir);
        Assert.Equal(archived.Count, archived.Distinct().Count());
        Assert.Equal(before.Order(StringComparer.Ordinal), archived.Concat(Table()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Anonymize_nulls_the_listed_columns_of_exactly_the_expired_rows()
    {
        dir.Exec(CompositeLanes.Seed(expired: 7, primaryKey: false));
        var report = await Run(M.Retention(archive: null, action: "anonymize", columns: ["payload"]), batch: 3);
        Assert.Null(report.Retention.Single().Error);
        Assert.Equal(7, report.Retention.Single().Anonymized);
        Assert.Equal(7, dir.Scalar("SELECT count(*) FROM lanes WHERE payload IS NULL"));
        Assert.Equal(7, dir.Scalar($"SELECT count(*) FROM lanes WHERE payload IS NULL AND created < '{M.Now.AddDays(-30).UtcDateTime:yyyy-MM-dd HH:mm:ss}'"));
    }

    [Fact]
    public async Task An_expired_row_with_a_null_key_column_stops_retention_before_anything_is_deleted()
    {
        dir.Exec(CompositeLanes.Seed(expired: 11, primaryKey: false));
        dir.Exec($"INSERT INTO lanes VALUES ('r9', NULL, 'orphan', '{M.Now.AddDays(-200).UtcDateTime:yyyy-MM-dd HH:mm:ss}')");
        var before = Table();
        var report = await Run(M.Retention());
        Assert.Contains("null key column 'lane'", report.Retention.Single().Error);
        Assert.Equal(before, Table());
        Assert.Empty(CompositeLanes.Manifests(dir));
    }

    [Fact]
    public async Task A_damaged_manifest_is_rebuilt_from_both_key_columns_of_its_data_object()
    {
        dir.Exec(CompositeLanes.Seed(expired: 11, primaryKey: false));
        var before = Table();
        await Run(M.Retention(), fault: p => p is { Name: FaultPoint.AfterVerify, Batch: 1 } ? throw new IOException("simulated crash") : ValueTask.CompletedTask);
        var manifest = Directory.GetFiles(dir.Archive, "*.manifest.json", SearchOption.AllDirectories).Single();
        var keys = FolderManifestKeys(manifest);
        File.WriteAllText(manifest, "{\"location\": ");
        var resumed = await Run(M.Retention());
        Assert.True(resumed.Retention.Single().Error is null, resumed.Retention.Single().Error);
        var rebuilt = CompositeLanes.Manifests(dir).Single(m => m.Location.Batch + ".manifest.json" == Path.GetFileName(manifest));
        Assert.Equal(keys.Order(StringComparer.Ordinal), rebuilt.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["run_id", "lane"], rebuilt.KeyColumns!);
        Assert.Equal(before.Order(StringComparer.Ordinal), CompositeLanes.Archived(dir).Concat(Table()).Order(StringComparer.Ordinal));
    }

    private static IReadOnlyList<string> FolderManifestKeys(string path) => Stores.Folder.FolderStore.ReadManifest(path).Keys;
}
