using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.DuckDb;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;
using PolicyLang.Runtime.Stores.Folder;
using Xunit;

namespace PolicyLang.Runtime.DuckDb.Tests;

public sealed class RunnerAuditTests : IDisposable
{
    private readonly TempDir dir = new();

    public RunnerAuditTests() => DuckDbEvents.Seed(dir, expired: 12, fresh: 3);

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Checks_and_retention_are_audited_in_a_duckdb_table_and_progress_is_reported()
    {
        var dataset = M.Dataset("events", "events", "id", [M.Rule("payload_not_null", RuleKind.NotNull, "payload")], M.Retention());
        var policy = M.DuckDbPolicy([dataset], new AuditModel("db", "governance.audit_log", null, true));
        var progress = new List<RunProgress>();
        var report = await PolicyRunner.RunAsync(new TestPolicy(policy), new RunOptions
        {
            BaseDirectory = dir.Path, Now = M.Now, BatchSize = 5, Progress = new SynchronousProgress(progress.Add),
        }, CancellationToken.None);

        Assert.Equal(2, report.Rules.Single().Violations); // rows 7 and 14
        Assert.Equal(12, report.Retention.Single().Deleted);
        Assert.Equal(["checks", "retention", "retention", "retention"], progress.Select(p => p.Phase));
        Assert.Equal([5L, 10, 12], progress.Skip(1).Select(p => p.Done));

        await using var store = new DuckDbStore(policy.Stores[0], dir.Db);
        var sink = await store.OpenAuditAsync(policy.Audit!, policy.Name, CancellationToken.None);
        var records = await sink.ReadAllAsync(CancellationToken.None);
        Assert.Equal("check", records[0].Action);
        Assert.Equal(1 + 3 * 3, records.Count);
        Assert.Empty(AuditVerifier.Verify(records, report.AuditHead));
        await store.DisposeAsync();

        var trail = await AuditTrail.VerifyAsync(new TestPolicy(policy), new RunOptions { BaseDirectory = dir.Path }, report.AuditHead, CancellationToken.None);
        Assert.Equal((10, report.AuditHead), (trail.Records, trail.Head));
        Assert.Empty(trail.Problems);
    }

    [Fact]
    public async Task A_missing_duckdb_file_is_a_clear_error()
    {
        var policy = M.DuckDbPolicy([M.Dataset("events", "events", "id", [M.Rule("id_not_null", RuleKind.NotNull, "id")])]);
        var report = await PolicyRunner.RunAsync(new TestPolicy(policy), new RunOptions { BaseDirectory = Path.Combine(dir.Path, "elsewhere") }, CancellationToken.None);
        Assert.Contains("data.duckdb' does not exist", report.Datasets.Single().Errors.Single());
        Assert.False(File.Exists(Path.Combine(dir.Path, "elsewhere", "data.duckdb")));
    }

    [Fact]
    public async Task An_unregistered_store_kind_is_a_dataset_error()
    {
        var policy = M.DuckDbPolicy([M.Dataset("events", "events", "id", [M.Rule("id_not_null", RuleKind.NotNull, "id")], store: "s3store")]) with
        {
            Stores = [new StoreModel("s3store", "s3", new Dictionary<string, SettingValue>())],
        };
        var providers = new IStoreProvider[] { new DuckDbStoreProvider(), new FolderStoreProvider() };
        var report = await PolicyRunner.RunAsync(new TestPolicy(policy, providers: providers), new RunOptions { BaseDirectory = dir.Path }, CancellationToken.None);
        Assert.Contains("no provider for kind 's3'", report.Datasets.Single().Errors.Single());
        Assert.Equal(2, report.ExitCode);
    }

    private sealed class SynchronousProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
