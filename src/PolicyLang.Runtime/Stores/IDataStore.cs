using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Stores;

/// <summary>A store that evaluates rules where the data lives.</summary>
public interface IDataStore : IStore
{
    /// <summary>
    /// Counts violations of every store-evaluated rule of <see cref="DatasetCheckRequest.Rules"/> (never <see cref="RuleKind.CSharp"/>)
    /// with as few queries as the store can, reporting how many it ran: the store's <see cref="CheckPlan{TQuery}"/> run by <see cref="CheckProtocol"/>.
    /// </summary>
    Task<DatasetCheckResult> CheckAsync(DatasetCheckRequest request, CancellationToken ct);

    /// <summary>Up to <paramref name="limit"/> violating rows of <paramref name="rule"/>: the key and the rule's column, unmasked (<see cref="CheckProtocol"/> masks).</summary>
    Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> SampleAsync(DatasetCheckRequest request, RuleModel rule, int limit, CancellationToken ct);

    /// <summary>Streams only <paramref name="fields"/> (plus the key, when declared) of every row, for client-side (<c>csharp</c>) rules.</summary>
    IAsyncEnumerable<IReadOnlyDictionary<string, object?>> StreamAsync(DatasetModel dataset, IReadOnlyList<string> fields, CancellationToken ct);

    /// <summary>Compares the declared columns with the live schema.</summary>
    Task<IReadOnlyList<SchemaFinding>> CheckSchemaAsync(DatasetModel dataset, CancellationToken ct);
}

/// <summary>What a store needs to check one dataset.</summary>
/// <param name="Dataset">The dataset.</param>
/// <param name="Rules">The rules the store evaluates (store-side kinds only).</param>
/// <param name="Now">The run's clock (for <c>fresher than</c>).</param>
/// <param name="Policy">The whole policy, to resolve <c>references</c> targets.</param>
public sealed record DatasetCheckRequest(DatasetModel Dataset, IReadOnlyList<RuleModel> Rules, DateTimeOffset Now, PolicyModel Policy)
{
    /// <summary>Incremental checks: the rows every rule of the request reads (all rows when null); see <see cref="CheckWindow"/>.</summary>
    public CheckWindow? Window { get; init; }
}

/// <summary>A store's answer for one dataset.</summary>
/// <param name="Total">Rows in the dataset.</param>
/// <param name="Counts">Per rule, in request order.</param>
/// <param name="Queries">How many queries (scans) the store ran.</param>
public sealed record DatasetCheckResult(long Total, IReadOnlyList<RuleCounts> Counts, int Queries);
