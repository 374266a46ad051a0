using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores.Folder;

namespace PolicyLang.Testing.Retention;

/// <summary>The events in a DuckDB file, archived to the folder <c>archive</c>, or to a fresh bucket of the local S3 server when <paramref name="s3"/> is set.</summary>
internal sealed class DuckDbRetentionEngine(bool s3 = false) : IRetentionEngine
{
    private readonly TempDir dir = new("pl-kill-");
    private string? bucket;

    public string Name => s3 ? "duckdb archiving to s3" : "duckdb";

    public async Task SeedAsync(int expired, int fresh)
    {
        if (s3)
        {
            bucket = await S3Env.NewBucketAsync();
        }

        DuckDbEvents.Seed(dir, expired, fresh);
    }

    public Task<List<string>> TableRowsAsync() => Task.FromResult(DuckDbEvents.TableRows(dir));

    public Task<List<string>> ArchivedRowsAsync() => s3 ? DuckDbEvents.ArchivedInS3Async(dir, bucket!) : Task.FromResult(DuckDbEvents.ArchivedRows(dir));

    public async Task<IReadOnlyList<AuditRecord>> AuditAsync() =>
        await new FolderAuditSink(Path.Combine(dir.Path, s3 ? "files" : "archive", "testpolicy", "audit.jsonl"), "testpolicy", true).ReadAllAsync(CancellationToken.None);

    public Task<RunReport> RunAsync(int batchSize) =>
        PolicyRunner.RunAsync(new TestPolicy(Policy), new RunOptions { BaseDirectory = dir.Path, Now = M.Now, BatchSize = batchSize, Checks = false }, CancellationToken.None);

    // The host finds S3 credentials through the standard AWS chain: the variables S3Env set in this process are inherited.
    public string RunHostToFault(string point, int batch) =>
        FaultHost.RunToFault(FaultHost.Start("duckdb", dir.Path, point, batch, new Dictionary<string, string>(), s3 ? [S3Env.Url, bucket!] : []));

    private Runtime.Model.PolicyModel Policy => EventsPolicy.For("duckdb", s3: s3 ? M.S3(bucket!, S3Env.Url, region: null) : null);

    public ValueTask DisposeAsync()
    {
        dir.Dispose();
        return ValueTask.CompletedTask;
    }
}
