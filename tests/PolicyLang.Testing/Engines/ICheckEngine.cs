using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Differential;

namespace PolicyLang.Testing.Engines;

/// <summary>What an engine measured for a case: a count per rule, in rule order, and how many queries the store sent (0 in memory).</summary>
internal sealed record CheckOutcome(IReadOnlyList<RuleCounts> Counts, int Queries);

/// <summary>
/// A rule engine under the shared suites (the behaviour corpus, the differential test): it loads a case's two tables the way
/// its store holds data and counts the case's rules on the checked one. Every store implements it once; the suites are written once.
/// </summary>
internal interface ICheckEngine
{
    /// <summary>The engine's name in messages: in-memory, duckdb, postgres, mongodb.</summary>
    string Name { get; }

    /// <summary>Loads <paramref name="c"/> (its own tables: no two calls share one) and counts its rules on <c>Facts</c>.</summary>
    Task<CheckOutcome> CountAsync(GeneratedCase c);
}

/// <summary>The in-memory evaluator: the rows as .NET values, <c>references</c> resolved from the case.</summary>
internal sealed class InMemoryEngine : ICheckEngine
{
    public string Name => "in-memory";

    public Task<CheckOutcome> CountAsync(GeneratedCase c) =>
        Task.FromResult(new CheckOutcome(InMemoryEvaluator.Evaluate(c.Rules, c.Facts.Rows, c.Now, c.RowsOf), 0));
}
