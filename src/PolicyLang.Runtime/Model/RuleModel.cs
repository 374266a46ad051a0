namespace PolicyLang.Runtime.Model;

/// <summary>Comparison operators of <see cref="RuleKind.Compare"/>.</summary>
public enum CompareOperator
{
    /// <summary>&gt;</summary>
    GreaterThan,
    /// <summary>&lt;</summary>
    LessThan,
    /// <summary>&gt;=</summary>
    GreaterOrEqual,
    /// <summary>&lt;=</summary>
    LessOrEqual,
    /// <summary>=</summary>
    Equal,
    /// <summary>!=</summary>
    NotEqual,
}

/// <summary>How a failing rule affects the run.</summary>
public enum Severity
{
    /// <summary>Fails the run (exit code 1).</summary>
    Error,
    /// <summary>Reported as warned; the run still passes.</summary>
    Warn,
    /// <summary>Informational only.</summary>
    Info,
}

/// <summary>
/// One data-quality rule. Args hold literal operands as <see cref="string"/>, <see cref="long"/>,
/// <see cref="double"/> or <see cref="DateTimeOffset"/> (UTC).
/// </summary>
/// <param name="Name">The rule's name (default <c>&lt;column&gt;_&lt;kind&gt;</c>).</param>
/// <param name="Kind">What the rule checks.</param>
/// <param name="Column">The checked column or dotted field path; null for dataset-level rules.</param>
/// <param name="Args">Literal operands (see <see cref="RuleKind"/>).</param>
/// <param name="OrNull">With <c>or null</c>: a null value never violates. Without it, a null violates every column rule except <c>unique</c> and <c>references</c>.</param>
/// <param name="Severity">error | warn | info.</param>
/// <param name="Tolerance">Fraction of rows (0..1) allowed to violate before the rule fails; null means none.</param>
/// <param name="Covers">CIS safeguard ids this rule is evidence for.</param>
/// <param name="Source">Where the rule is written.</param>
public sealed record RuleModel(
    string Name,
    RuleKind Kind,
    string? Column,
    IReadOnlyList<object?> Args,
    bool OrNull,
    Severity Severity,
    double? Tolerance,
    IReadOnlyList<string> Covers,
    SourceRef Source)
{
    private readonly IReadOnlyList<string>? columns;
    private readonly IReadOnlyList<string>? targetColumns;

    /// <summary>For <see cref="RuleKind.Compare"/>.</summary>
    public CompareOperator? Operator { get; init; }

    /// <summary>For <see cref="RuleKind.References"/>: the target dataset's name.</summary>
    public string? TargetDataset { get; init; }

    /// <summary>For <see cref="RuleKind.References"/>: the target column.</summary>
    public string? TargetColumn { get; init; }

    /// <summary>
    /// For <see cref="RuleKind.Unique"/> and <see cref="RuleKind.References"/>: the checked columns, <c>[Column]</c> for the one-column
    /// form, every column of a composite <c>expect (run_id, lane) unique</c> (whose <see cref="Column"/> is null). A row whose value in
    /// any of them is null is ignored.
    /// </summary>
    public IReadOnlyList<string> Columns
    {
        get => columns ?? (Column is null ? [] : [Column]);
        init => columns = value;
    }

    /// <summary>For <see cref="RuleKind.References"/>: the target columns, paired in order with <see cref="Columns"/>.</summary>
    public IReadOnlyList<string> TargetColumns
    {
        get => targetColumns ?? (TargetColumn is null ? [] : [TargetColumn]);
        init => targetColumns = value;
    }

    /// <summary>For <see cref="RuleKind.FresherThan"/> and <see cref="RuleKind.ObjectAgeFresherThan"/>.</summary>
    public Duration? Window { get; init; }

    /// <summary>For <see cref="RuleKind.CSharp"/>: the compiled predicate; true means the row passes.</summary>
    public Func<dynamic, bool>? Predicate { get; init; }

    /// <summary>For <see cref="RuleKind.CSharp"/>: the fields the predicate reads (the projection streamed to the runner).</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>For <see cref="RuleKind.CSharp"/>: the expression as written, for reports.</summary>
    public string? Expression { get; init; }

    /// <summary>For <see cref="RuleKind.Aggregate"/>: what is computed over <see cref="Column"/>.</summary>
    public AggregateFunction? Function { get; init; }

    /// <summary>For <see cref="RuleKind.Aggregate"/> with <see cref="AggregateFunction.Quantile"/> or <see cref="AggregateFunction.Median"/>: p in 0..1.</summary>
    public double? Probability { get; init; }

    /// <summary>For <see cref="RuleKind.Condition"/>: what every row must satisfy.</summary>
    public RowCondition? Condition { get; init; }

    /// <summary><c>where</c>: the rule applies only to rows for which this condition is true (unknown excludes the row, as in SQL).</summary>
    public RowCondition? Where { get; init; }

    /// <summary>
    /// <c>tolerance p% of applicable rows</c>: the tolerance is measured against the rows the rule applies to (inside <see cref="Where"/>,
    /// not excused by <c>or null</c>) instead of every row of the dataset (the default).
    /// </summary>
    public bool ToleranceOfApplicable { get; init; }

    /// <summary>For <see cref="RuleKind.Monotonic"/>: the column that orders the rows (the dataset's key unless <c>by</c> names another).</summary>
    public string? OrderColumn { get; init; }

    /// <summary>For <see cref="RuleKind.Monotonic"/>: <c>decreasing</c> (else increasing).</summary>
    public bool Decreasing { get; init; }

    /// <summary>For <see cref="RuleKind.Monotonic"/>: <c>strictly</c>: equal neighbours violate too.</summary>
    public bool Strictly { get; init; }

    /// <summary>
    /// <c>incremental by c</c> (or the dataset's <c>watermark c</c>) on a row rule: the column whose values above the last successful run's
    /// watermark are the rows checked (docs/incremental-checks.md); null for a rule checked over the whole dataset.
    /// </summary>
    public string? Watermark { get; init; }
}

/// <summary>
/// One stage of a dataset's lifecycle: rows older than <paramref name="Window"/> by <paramref name="ByColumn"/> are archived (when
/// <paramref name="ArchiveStore"/> is set), then deleted or anonymized; or, with <see cref="CopiesIn"/>, the archived batches in that
/// store whose rows are all older than <paramref name="Window"/> are deleted.
/// </summary>
/// <param name="Window">How long rows are kept.</param>
/// <param name="ByColumn">The time column; null means the object's last-modified time (S3 prefixes).</param>
/// <param name="ArchiveStore">The store that receives archives, if any.</param>
/// <param name="ArchiveFormat">parquet | jsonl.</param>
/// <param name="Action">delete | anonymize.</param>
/// <param name="AnonymizeColumns">For anonymize: the columns set to null.</param>
/// <param name="Source">Where the statement is written.</param>
public sealed record RetentionModel(
    Duration Window,
    string? ByColumn,
    string? ArchiveStore,
    string? ArchiveFormat,
    string Action,
    IReadOnlyList<string> AnonymizeColumns,
    SourceRef Source)
{
    /// <summary>
    /// For an archive-expiry stage (<c>retain 12 months by ts in offsite then delete</c>): the archive store whose batches, written by an
    /// earlier stage of the same dataset, this stage deletes. Null for a stage that acts on the dataset's own rows.
    /// </summary>
    public string? CopiesIn { get; init; }

    /// <summary>How reports and plans name the stage: <c>2 years anonymize</c>, <c>5 years archive+delete</c>, <c>10 years expire offsite</c>.</summary>
    public string Label => $"{Window} {(CopiesIn is { } store ? $"expire {store}" : ArchiveStore is null ? Action : $"archive+{Action}")}";
}
