using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Differential;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;

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

/// <summary>What a whole run of a case adds to its rules: masks, declared columns (null: the case's own) and controls.</summary>
internal sealed record CaseRun(IReadOnlyList<MaskModel> Masks, IReadOnlyList<ColumnModel>? Columns = null, IReadOnlyList<ControlModel>? Controls = null);

/// <summary>
/// A store engine that also runs a case's policy through <see cref="PolicyRunner"/> (checks only), so the end-to-end suite
/// (statuses, notes, samples, masks, schema drift, controls, the report) is written once for every store.
/// </summary>
internal interface IRunEngine : ICheckEngine
{
    /// <summary>The key column samples are keyed by (<c>id</c>; <c>_id</c> in a document store).</summary>
    string Key { get; }

    /// <summary>Loads <paramref name="c"/> like <see cref="ICheckEngine.CountAsync"/> and runs its policy as the host does.</summary>
    Task<RunReport> RunAsync(GeneratedCase c, CaseRun run);
}

/// <summary>The in-memory evaluator: the rows as .NET values, <c>references</c> resolved from the case.</summary>
internal sealed class InMemoryEngine : ICheckEngine
{
    public string Name => "in-memory";

    public Task<CheckOutcome> CountAsync(GeneratedCase c) =>
        Task.FromResult(new CheckOutcome(InMemoryEvaluator.Evaluate(c.Rules, c.Facts.Rows, c.Now, c.RowsOf), 0));
}
