using System.Diagnostics;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.S3;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Benchmarks.S3;

/// <summary>Time spent in the s3 archive store's steps, to split a run's time between S3 and the source store.</summary>
internal sealed class ArchiveTimes
{
    public Stopwatch Put { get; } = new();
    public Stopwatch Verify { get; } = new();
    public Stopwatch Other { get; } = new();
}

/// <summary>Opens s3 stores through <see cref="S3StoreProvider"/> and times their archive calls.</summary>
internal sealed class TimedS3Provider(ArchiveTimes times) : IStoreProvider
{
    private readonly S3StoreProvider _inner = new();

    public string Kind => _inner.Kind;

    public IStore Open(StoreModel store, StoreContext context) => new TimedArchive((IArchiveStore)_inner.Open(store, context), times);
}

internal sealed class TimedArchive(IArchiveStore inner, ArchiveTimes times) : IArchiveStore
{
    public StoreModel Model => inner.Model;

    public Task<ArchiveManifest?> FindAsync(ArchiveLocation location, CancellationToken ct) => Time(times.Other, () => inner.FindAsync(location, ct));

    public Task<IReadOnlyList<IncompleteBatch>> ListIncompleteAsync(string policy, string dataset, CancellationToken ct) =>
        Time(times.Other, () => inner.ListIncompleteAsync(policy, dataset, ct));

    public Task<int> CleanupAsync(string policy, string dataset, CancellationToken ct) => Time(times.Other, () => inner.CleanupAsync(policy, dataset, ct));

    public Task PutAsync(ArchiveManifest manifest, string localFile, CancellationToken ct) => Time(times.Put, async () => { await inner.PutAsync(manifest, localFile, ct); return 0; });

    public Task<ArchiveVerification> VerifyAsync(ArchiveManifest manifest, CancellationToken ct) => Time(times.Verify, () => inner.VerifyAsync(manifest, ct));

    public Task<StoredObject?> DownloadAsync(IncompleteBatch batch, string localFile, CancellationToken ct) => Time(times.Other, () => inner.DownloadAsync(batch, localFile, ct));

    public Task ReplaceManifestAsync(ArchiveManifest manifest, CancellationToken ct) => Time(times.Other, async () => { await inner.ReplaceManifestAsync(manifest, ct); return 0; });

    public Task MarkCompleteAsync(ArchiveManifest manifest, CancellationToken ct) => Time(times.Other, async () => { await inner.MarkCompleteAsync(manifest, ct); return 0; });

    public Task<IReadOnlyList<ArchiveLocation>> ListBatchesAsync(string policy, string dataset, DateTimeOffset cutoffAtOrBefore, CancellationToken ct) =>
        Time(times.Other, () => inner.ListBatchesAsync(policy, dataset, cutoffAtOrBefore, ct));

    public Task<IReadOnlyList<string>> ExpireAsync(ArchiveLocation location, CancellationToken ct) => Time(times.Other, () => inner.ExpireAsync(location, ct));

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private static async Task<T> Time<T>(Stopwatch clock, Func<Task<T>> work)
    {
        clock.Start();
        try { return await work(); }
        finally { clock.Stop(); }
    }
}
