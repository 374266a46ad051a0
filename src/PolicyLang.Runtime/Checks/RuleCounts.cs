namespace PolicyLang.Runtime.Checks;

/// <summary>What an engine (a store or the in-memory evaluator) measured for one rule.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Violations">Violating rows (for <c>rows at least n</c>: max(0, n - total)).</param>
/// <param name="Total">Rows considered.</param>
/// <param name="FreshRows">For <c>fresher than</c>: rows whose column is inside the window.</param>
/// <param name="Error">Why the rule could not be evaluated (unsupported kind, missing target, predicate exception).</param>
/// <param name="Observed">
/// For rules decided once on a measured value (<c>RuleKind.Aggregate</c>, <c>RuleKind.RowCount</c>): the value, or null when there was
/// none (a mean over no values); their <paramref name="Violations"/> is 1 when the rule breaks, else 0 (see <see cref="RuleSemantics.Settle"/>).
/// </param>
public sealed record RuleCounts(string Rule, long Violations, long Total, long? FreshRows = null, string? Error = null, double? Observed = null)
{
    /// <summary>Rows the rule applies to (inside its <c>where</c>, not excused by <c>or null</c>), measured for <c>tolerance p% of applicable rows</c>.</summary>
    public long? Applicable { get; init; }
}

/// <summary>A difference between a declared column and the live schema.</summary>
/// <param name="Column">The column.</param>
/// <param name="Finding">missing | type | nullability.</param>
/// <param name="Declared">What the policy declares.</param>
/// <param name="Actual">What the store has.</param>
public sealed record SchemaFinding(string Column, string Finding, string Declared, string Actual);
