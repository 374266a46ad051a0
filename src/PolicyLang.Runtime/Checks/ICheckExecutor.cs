using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Checks;

/// <summary>The small face a store shows <see cref="CheckProtocol"/>: run one command of its <see cref="CheckPlan{TQuery}"/>.</summary>
/// <typeparam name="TQuery">The store's command record.</typeparam>
public interface ICheckExecutor<in TQuery> where TQuery : CheckQuery
{
    /// <summary>
    /// Runs a counting command of <paramref name="dataset"/>'s plan; its result's values in order (the row count first when
    /// <see cref="CheckQuery.CountsRows"/>): counts as integers, an aggregate's observed value as a number or null (<see cref="RuleAnswer.Read"/>).
    /// </summary>
    Task<IReadOnlyList<object?>> CountAsync(TQuery query, DatasetModel dataset, CancellationToken ct);

    /// <summary>Runs a sample command of <paramref name="dataset"/>'s plan: the violating rows it selects (key and the rule's column), unmasked (the protocol masks).</summary>
    Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> SampleAsync(TQuery query, DatasetModel dataset, CancellationToken ct);

    /// <summary>
    /// The rule error for <paramref name="failure"/> when the store rejected a statement (a literal that does not cast to the column,
    /// a pattern its regex engine refuses, a missing column); null for any other failure (a lost connection, a timeout), which ends the dataset's check.
    /// </summary>
    string? Rejection(Exception failure, DatasetModel dataset);
}
