using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Stores;

/// <summary>
/// Optional: a store that can also enforce retention itself (e.g. MongoDB TTL indexes) reports where its own mechanism
/// disagrees with the declared retention. The runner adds the findings to the dataset's schema drift.
/// </summary>
public interface IRetentionDriftSource : IStore
{
    /// <summary>Differences between <paramref name="dataset"/>'s declared retention and what the store enforces by itself.</summary>
    Task<IReadOnlyList<SchemaFinding>> CheckRetentionDriftAsync(DatasetModel dataset, CancellationToken ct);
}
