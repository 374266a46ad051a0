using System.Collections.Concurrent;
using System.Diagnostics;
using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Postgres;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Stores;
using PolicyLang.Runtime.Stores.Folder;

namespace PolicyLang.Benchmarks.Postgres;

/// <summary>Where retention time goes: wraps the postgres and folder stores and adds up the wall time of each protocol step.</summary>
internal static class StepTimings
{
    public static readonly ConcurrentDictionary<string, double> Seconds = new(StringComparer.Ordinal);

    public static async Task<T> Time<T>(string step, Func<Task<T>> work)
    {
        var watch = Stopwatch.StartNew();
        try { return await work(); }
        finally { Seconds.AddOrUpdate(step, watch.Elapsed.TotalSeconds, (_, s) => s + watch.Elapsed.TotalSeconds); }
    }

    public static void Print()
    {
        foreach (var (step, seconds) in Seconds.OrderByDescending(kv => kv.Value))
        {
            Console.WriteLine($"    {step,-22} {seconds,7:0.00} s");
        }

        Seconds.Clear();
    }
}

internal sealed class TimedPostgresProvider : IStoreProvider
{
    public string Kind => "postgres";
    public IStore Open(StoreModel store, StoreContext context) => new TimedSource((PostgresStore)new PostgresStoreProvider().Open(store, context));
}

internal sealed class TimedFolderProvider : IStoreProvider
{
    public string Kind => "folder";
    public IStore Open(StoreModel store, StoreContext context) => new TimedArchive((FolderStore)new FolderStoreProvider().Open(store, context));
}

internal sealed class TimedSource(PostgresStore inner) : IArchivingDeleteSource, IAuditStore
{
    public StoreModel Model => inner.Model;
    public Task<long> CountExpiredAsync(RetentionSelection s, CancellationToken ct) => StepTimings.Time("count", () => inner.CountExpiredAsync(s, ct));
    public Task<IReadOnlyList<string>> SelectExpiredKeysAsync(RetentionSelection s, int limit, CancellationToken ct) => StepTimings.Time("select keys", () => inner.SelectExpiredKeysAsync(s, limit, ct));
    public Task<IPendingDelete?> DeleteNextAsync(RetentionSelection s, int limit, string format, string path, CancellationToken ct) => StepTimings.Time<IPendingDelete?>("delete + export", async () =>
        await inner.DeleteNextAsync(s, limit, format, path, ct) is { } pending ? new TimedPendingDelete(pending) : null);
    public Task<long> ExportAsync(DatasetModel d, IReadOnlyList<string> keys, string format, string path, CancellationToken ct) => StepTimings.Time("export (parquet)", () => inner.ExportAsync(d, keys, format, path, ct));
    public Task<long> DeleteAsync(DatasetModel d, IReadOnlyList<string> keys, Func<ValueTask>? before, CancellationToken ct) => StepTimings.Time("delete", () => inner.DeleteAsync(d, keys, before, ct));
    public Task<long> AnonymizeAsync(DatasetModel d, IReadOnlyList<string> keys, IReadOnlyList<string> columns, Func<ValueTask>? before, CancellationToken ct) => inner.AnonymizeAsync(d, keys, columns, before, ct);
    public Task<IAsyncDisposable?> LockRetentionAsync(DatasetModel d, CancellationToken ct) => inner.LockRetentionAsync(d, ct);
    public async Task<IAuditSink> OpenAuditAsync(AuditModel audit, string policy, CancellationToken ct) => new TimedSink(await inner.OpenAuditAsync(audit, policy, ct));
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

internal sealed class TimedPendingDelete(IPendingDelete inner) : IPendingDelete
{
    public IReadOnlyList<string> Keys => inner.Keys;
    public Task<long> CommitAsync(Func<ValueTask>? before, CancellationToken ct) => StepTimings.Time("commit delete", () => inner.CommitAsync(before, ct));
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

internal sealed class TimedSink(IAuditSink inner) : IAuditSink
{
    public Task<AuditRecord> AppendAsync(AuditEntry entry, DateTimeOffset timestamp, CancellationToken ct) => StepTimings.Time("audit append", () => inner.AppendAsync(entry, timestamp, ct));
    public Task<IReadOnlyList<AuditRecord>> ReadAllAsync(CancellationToken ct) => inner.ReadAllAsync(ct);
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

internal sealed class TimedArchive(FolderStore inner) : IArchiveStore
{
    public StoreModel Model => inner.Model;
    public Task<ArchiveManifest?> FindAsync(ArchiveLocation l, CancellationToken ct) => StepTimings.Time("archive find", () => inner.FindAsync(l, ct));
    public Task<IReadOnlyList<IncompleteBatch>> ListIncompleteAsync(string p, string d, CancellationToken ct) => inner.ListIncompleteAsync(p, d, ct);
    public Task<int> CleanupAsync(string p, string d, CancellationToken ct) => inner.CleanupAsync(p, d, ct);
    public Task PutAsync(ArchiveManifest m, string file, CancellationToken ct) => StepTimings.Time("archive put", async () => { await inner.PutAsync(m, file, ct); return 0; });
    public Task<ArchiveVerification> VerifyAsync(ArchiveManifest m, CancellationToken ct) => StepTimings.Time("archive verify", () => inner.VerifyAsync(m, ct));
    public Task<StoredObject?> DownloadAsync(IncompleteBatch b, string file, CancellationToken ct) => inner.DownloadAsync(b, file, ct);
    public Task ReplaceManifestAsync(ArchiveManifest m, CancellationToken ct) => inner.ReplaceManifestAsync(m, ct);
    public Task MarkCompleteAsync(ArchiveManifest m, CancellationToken ct) => StepTimings.Time("archive complete", async () => { await inner.MarkCompleteAsync(m, ct); return 0; });
    public Task<IReadOnlyList<ArchiveLocation>> ListBatchesAsync(string p, string d, DateTimeOffset cutoff, CancellationToken ct) => inner.ListBatchesAsync(p, d, cutoff, ct);
    public Task<IReadOnlyList<string>> ExpireAsync(ArchiveLocation l, CancellationToken ct) => StepTimings.Time("archive expire", () => inner.ExpireAsync(l, ct));
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
