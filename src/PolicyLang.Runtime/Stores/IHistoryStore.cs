using PolicyLang.Runtime.History;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Stores;

/// <summary>A store that can keep the run history (docs/history.md): postgres and duckdb tables, a mongodb collection, a folder's JSON Lines file.</summary>
public interface IHistoryStore : IStore
{
    /// <summary>Creates the history's table (collection, folder) when missing, so a run fails in its first second when it cannot be kept.</summary>
    Task PrepareHistoryAsync(HistoryModel history, CancellationToken ct);

    /// <summary>
    /// Appends one run's records. INVARIANT: append-only; a crash while appending may lose this run's records but never an earlier
    /// run's, and a run is read back only when its <see cref="HistoryEntry.Run"/> record (written last) is there.
    /// </summary>
    Task AppendHistoryAsync(HistoryModel history, IReadOnlyList<HistoryRecord> records, CancellationToken ct);

    /// <summary>The records matching <paramref name="query"/> (<see cref="HistoryQuery.Runs"/> is applied by the caller), in any order; empty when nothing was ever written.</summary>
    Task<IReadOnlyList<HistoryRecord>> ReadHistoryAsync(HistoryModel history, HistoryQuery query, CancellationToken ct);
}
