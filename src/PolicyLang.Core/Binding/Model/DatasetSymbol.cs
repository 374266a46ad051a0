namespace PolicyLang.Core.Binding.Model;

/// <summary>A governed dataset with its resolved store, columns, rules and obligations.</summary>
public sealed record DatasetSymbol(
    string Name,
    StoreSymbol Store,
    LocationKind LocationKind,
    string Location,
    string? Description,
    string? Owner,
    string? Steward,
    ClassificationLevel? Classification,
    string? Key,
    IReadOnlyList<ColumnSymbol> Columns,
    IReadOnlyList<RuleSymbol> Rules,
    RetentionSymbol? Retention,
    IReadOnlyList<MaskSymbol> Masks,
    IReadOnlyList<GrantSymbol> Grants,
    SourceLocation Declaration)
{
    private readonly IReadOnlyList<RetentionSymbol>? lifecycle;
    private readonly IReadOnlyList<string>? keyColumns;

    public bool HasPii => Columns.Any(c => c.Pii);

    /// <summary>
    /// The key's columns as written: <c>[Key]</c> for <c>key id</c>, every column of <c>key run_id, lane</c> (whose <see cref="Key"/>
    /// is null: no single column identifies a row), none without a key.
    /// </summary>
    public IReadOnlyList<string> KeyColumns
    {
        get => keyColumns ?? (Key is null ? [] : [Key]);
        init => keyColumns = value;
    }

    /// <summary>Whether the dataset declares a key (one column or several).</summary>
    public bool HasKey => KeyColumns.Count > 0;

    /// <summary>The key as written after <c>key</c> (<c>run_id, lane</c>); null without one.</summary>
    public string? KeyText => HasKey ? string.Join(", ", KeyColumns) : null;

    /// <summary>
    /// Every <c>retain</c> stage, in the order written (windows increasing); <see cref="Retention"/> is the first. One stage is
    /// the single-step lifecycle every dataset had before chains.
    /// </summary>
    public IReadOnlyList<RetentionSymbol> Lifecycle
    {
        get => lifecycle ?? (Retention is null ? [] : [Retention]);
        init => lifecycle = value;
    }

    /// <summary>The dataset's own <c>schedule</c>; null when it runs on the policy's.</summary>
    public ScheduleSymbol? Schedule { get; init; }
}

/// <summary><c>column name type [not null] [pii]</c>; <see cref="Type"/> as written, lower-cased (<c>varchar(255)</c>).</summary>
public sealed record ColumnSymbol(string Name, string Type, ColumnTypeFamily Family, bool NotNull, bool Pii, SourceLocation Location);

public enum RuleSeverity
{
    Error,
    Warn,
    Info,
}

/// <summary>A safeguard id with where it is written.</summary>
public sealed record SafeguardReference(string Id, SourceLocation Location);

/// <summary>
/// An <c>expect</c> rule. <see cref="Operands"/>: Between [lo, hi]; In: the allowed values; Matches [pattern];
/// Compare [value]; RowsAtLeast/ObjectsAtLeast [n]. <see cref="Operator"/> is one of <c>&gt; &lt; &gt;= &lt;= = !=</c>.
/// </summary>
public sealed record RuleSymbol(
    string Name,
    RuleKind Kind,
    string? Column,
    string? Operator,
    IReadOnlyList<BoundLiteral> Operands,
    bool OrNull,
    RuleSeverity Severity,
    double? Tolerance,
    IReadOnlyList<SafeguardReference> Covers,
    SourceLocation Location)
{
    private readonly IReadOnlyList<string>? columns;
    private readonly IReadOnlyList<string>? targetColumns;

    /// <summary>References: the target dataset and column.</summary>
    public string? TargetDataset { get; init; }

    public string? TargetColumn { get; init; }

    /// <summary>
    /// Unique and References: the checked columns, <c>[Column]</c> for the one-column form, every column of a composite
    /// <c>expect (run_id, lane) unique</c> (whose <see cref="Column"/> is null).
    /// </summary>
    public IReadOnlyList<string> Columns
    {
        get => columns ?? (Column is null ? [] : [Column]);
        init => columns = value;
    }

    /// <summary>References: the target columns, paired in order with <see cref="Columns"/>.</summary>
    public IReadOnlyList<string> TargetColumns
    {
        get => targetColumns ?? (TargetColumn is null ? [] : [TargetColumn]);
        init => targetColumns = value;
    }

    /// <summary>FresherThan / ObjectAgeFresherThan.</summary>
    public PolicyDuration? Window { get; init; }

    /// <summary>CSharp: the expression as written and the <c>doc.x</c>/<c>row.x</c> fields it reads.</summary>
    public string? Expression { get; init; }

    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>CSharp: where the expression string starts, for mapping C# errors back.</summary>
    public SourceLocation? ExpressionLocation { get; init; }

    /// <summary>Aggregate: what is computed over <see cref="Column"/>.</summary>
    public AggregateFunction? Function { get; init; }

    /// <summary>Aggregate: the p of <c>quantile(col, p)</c> (0.5 for <c>median</c>).</summary>
    public double? Probability { get; init; }

    /// <summary>Condition: what every row must satisfy (literal dates as <see cref="DateOnly"/>).</summary>
    public RowCondition? Condition { get; init; }

    /// <summary><c>where</c>: the rows the rule applies to.</summary>
    public RowCondition? Where { get; init; }

    /// <summary><c>tolerance p% of applicable rows</c>.</summary>
    public bool ToleranceOfApplicable { get; init; }

    /// <summary>Monotonic: the column ordering the rows (<c>by</c>, else the dataset's key).</summary>
    public string? OrderColumn { get; init; }

    /// <summary>Monotonic: <c>decreasing</c>.</summary>
    public bool Decreasing { get; init; }

    /// <summary>Monotonic: <c>strictly</c>.</summary>
    public bool Strictly { get; init; }

    /// <summary>Row rules checked incrementally: the watermark column (<c>incremental by c</c>, else the dataset's <c>watermark c</c>).</summary>
    public string? Watermark { get; init; }

    /// <summary>A one-line description for documents: <c>ra between 0 and 360</c>.</summary>
    public string Describe() => RuleDescriptions.Describe(this);
}

public enum RetentionAction
{
    Delete,
    Anonymize,
}

/// <summary><c>retain</c>: one stage of a dataset's lifecycle; <see cref="ByColumn"/> is null for <c>last-modified</c>.</summary>
public sealed record RetentionSymbol(
    PolicyDuration Window,
    string? ByColumn,
    StoreSymbol? ArchiveStore,
    string? ArchiveFormat,
    RetentionAction Action,
    IReadOnlyList<string> AnonymizeColumns,
    SourceLocation Location)
{
    /// <summary>
    /// For <c>retain d by col in store then delete</c>: the archive store whose copies (written by an earlier stage) this stage
    /// expires; null for a stage that acts on the dataset's own rows.
    /// </summary>
    public StoreSymbol? CopiesIn { get; init; }

    /// <summary>True for a stage that deletes the dataset's own rows (nothing but archive expiry may follow it).</summary>
    public bool DeletesRows => CopiesIn is null && Action == RetentionAction.Delete;
}

/// <summary><c>mask col with sha256|redact|last(n)</c>.</summary>
public sealed record MaskSymbol(string Column, string Method, int Keep, SourceLocation Location);

/// <summary><c>grant read|write to role</c>: one symbol per role.</summary>
public sealed record GrantSymbol(string Privilege, RoleSymbol Role, SourceLocation Location);
