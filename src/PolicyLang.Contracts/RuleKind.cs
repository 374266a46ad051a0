namespace PolicyLang.Contracts;

/// <summary>The kinds of data-quality rule a dataset can carry: the binder's result and the runtime's input.</summary>
public enum RuleKind
{
    /// <summary><c>expect col not null</c>.</summary>
    NotNull,
    /// <summary><c>expect col unique</c>: every row whose value occurs more than once violates.</summary>
    Unique,
    /// <summary><c>expect col between a and b</c> (inclusive); operands [a, b].</summary>
    Between,
    /// <summary><c>expect col in [..]</c>; operands: the allowed values.</summary>
    In,
    /// <summary><c>expect col matches "regex"</c>; operands [pattern] (see <see cref="PortableRegex"/>).</summary>
    Matches,
    /// <summary><c>expect col &gt; v</c> etc.: an operator and operands [v].</summary>
    Compare,
    /// <summary><c>expect col references ds.col</c>: rows whose non-null value is absent from the target.</summary>
    References,
    /// <summary><c>expect col fresher than d</c>: the dataset fails when max(col) is older than now - d; violations = rows older than the window.</summary>
    FresherThan,
    /// <summary><c>expect rows at least n</c>: dataset-level; violations = max(0, n - rows).</summary>
    RowsAtLeast,
    /// <summary><c>expect objects at least n</c> on an S3 prefix.</summary>
    ObjectsAtLeast,
    /// <summary><c>expect object-age fresher than d</c> on an S3 prefix: the newest object must be younger than d.</summary>
    ObjectAgeFresherThan,
    /// <summary><c>expect csharp "..."</c>: a C# predicate evaluated client-side.</summary>
    CSharp,
    /// <summary>
    /// <c>expect mean(col) between a and b</c> and the other aggregates (see <see cref="AggregateFunction"/>): the dataset passes or
    /// fails once on the aggregate's observed value; operands [lo, hi] for <c>between</c>, else an operator and [v].
    /// </summary>
    Aggregate,
    /// <summary><c>expect rows between n and m</c>, <c>rows at most n</c>, <c>rows = n</c>: the row count bounded; an operator and [n], or [n, m].</summary>
    RowCount,
    /// <summary>
    /// A row rule whose body is a <see cref="RowCondition"/> (<c>expect a &gt;= b</c>, <c>not in</c>, <c>not matches</c>, <c>is null</c>,
    /// <c>between lo_col and hi_col</c>, comparisons with <c>now</c>/<c>today</c>): a row violates when the condition does not hold;
    /// an unknown result (a null operand) violates, or with <c>or null</c> never does.
    /// </summary>
    Condition,
    /// <summary>
    /// <c>expect col [strictly] increasing|decreasing [by order_col]</c>: rows in the order of the order column (the key by default), ties
    /// ordered by the value; a row violates when its value is below (decreasing: above; strictly: not beyond) the previous value. A null
    /// violates unless <c>or null</c>; NaN always; rows whose order column is null or NaN are outside the sequence.
    /// </summary>
    Monotonic,
}
