namespace PolicyLang.Runtime.Model;

/// <summary>A compiled policy as plain data: what a generated enforcement assembly hands to the runner.</summary>
/// <param name="Name">The policy's identity: its <c>name</c> setting, else a slug of its title (archive keys, audit records, report and file names).</param>
/// <param name="Title">The policy's title as written.</param>
/// <param name="Stores">Every declared store.</param>
/// <param name="Datasets">Every governed dataset, in declaration order.</param>
/// <param name="Audit">Where enforcement actions are recorded, when the policy declares it.</param>
/// <param name="Controls">Safeguards with their statically derived status and the rules that cover them.</param>
public sealed record PolicyModel(
    string Name,
    string Title,
    IReadOnlyList<StoreModel> Stores,
    IReadOnlyList<DatasetModel> Datasets,
    AuditModel? Audit,
    IReadOnlyList<ControlModel> Controls)
{
    /// <summary>
    /// Names earlier PolicyLang versions derived for this policy from its folder, file or project (before the identity came from
    /// the policy itself). Retention finishes incomplete batches archived under them, and a folder audit trail written under one
    /// is continued in place; nothing new is written under them.
    /// </summary>
    public IReadOnlyList<string> PreviousNames { get; init; } = [];

    /// <summary>The policy's <c>version</c>, recorded in run reports so a document is derived only from a run of the same version.</summary>
    public string? Version { get; init; }

    /// <summary>Backups whose copies the runner checks (those with <c>evidence in</c>).</summary>
    public IReadOnlyList<BackupModel> Backups { get; init; } = [];

    /// <summary>Where every run's rule, retention and access results are kept, when the policy has a <c>history</c> block.</summary>
    public HistoryModel? History { get; init; }
}

/// <summary>Where a statement was written in the policy source, for reports and audit records.</summary>
public sealed record SourceRef(string File, int Line, int Column);

/// <summary>A setting of a store: a literal, or the name of an environment variable read at run time.</summary>
/// <param name="Literal">The literal value, when written as one.</param>
/// <param name="EnvironmentVariable">The variable to read at run time, when written as <c>env("NAME")</c>.</param>
public sealed record SettingValue(string? Literal, string? EnvironmentVariable)
{
    /// <summary>A literal setting.</summary>
    public static SettingValue Of(string literal) => new(literal, null);

    /// <summary>A setting read from the environment when the runner starts.</summary>
    public static SettingValue Env(string variable) => new(null, variable);
}

/// <summary>A data location. Kinds: postgres, mongodb, s3, duckdb, folder.</summary>
/// <param name="Name">The store's name in the policy.</param>
/// <param name="Kind">postgres | mongodb | s3 | duckdb | folder.</param>
/// <param name="Settings">Settings by keyword (connection, tls, bucket, region, endpoint, storage-class, encryption, encryption-key, file, path). Relative file and path settings are relative to the policy's base directory.</param>
public sealed record StoreModel(string Name, string Kind, IReadOnlyDictionary<string, SettingValue> Settings);

/// <summary>A governed dataset with its rules and obligations; <paramref name="Retention"/> is the first stage of its <see cref="Lifecycle"/>.</summary>
public sealed record DatasetModel(
    string Name,
    string Store,
    LocationKind LocationKind,
    string Location,
    string? Key,
    string? Classification,
    IReadOnlyList<ColumnModel> Columns,
    IReadOnlyList<RuleModel> Rules,
    RetentionModel? Retention,
    IReadOnlyList<MaskModel> Masks,
    IReadOnlyList<GrantModel> Grants,
    SourceRef Source)
{
    private readonly IReadOnlyList<RetentionModel>? lifecycle;
    private readonly IReadOnlyList<string>? keyColumns;

    /// <summary>
    /// The key's columns in the order written: <c>[Key]</c> for <c>key id</c>, every column of a composite <c>key run_id, lane</c>
    /// (whose <see cref="Key"/> is null: no single column identifies a row), none when no key is declared.
    /// </summary>
    public IReadOnlyList<string> KeyColumns
    {
        get => keyColumns ?? (Key is null ? [] : [Key]);
        init => keyColumns = value;
    }

    /// <summary>Whether the dataset declares a key (one column or several).</summary>
    public bool HasKey => KeyColumns.Count > 0;

    /// <summary>
    /// Every retention stage in the order written (windows increasing); by default the one stage <see cref="Retention"/>. Stages on the
    /// dataset's rows run in this order, so a backlog ends as it would have in steady state; archive-expiry stages run after them.
    /// </summary>
    public IReadOnlyList<RetentionModel> Lifecycle
    {
        get => lifecycle ?? (Retention is null ? [] : [Retention]);
        init => lifecycle = value;
    }
}

/// <summary>A declared column; the runner compares it with the live schema.</summary>
public sealed record ColumnModel(string Name, string Type, bool NotNull, bool Pii);

/// <summary>A masking obligation on one column.</summary>
/// <param name="Column">The masked column.</param>
/// <param name="Method">sha256 | redact | last.</param>
/// <param name="Keep">For <c>last(n)</c>: how many trailing characters stay visible.</param>
public sealed record MaskModel(string Column, string Method, int Keep = 0);

/// <summary>A declared grant: <paramref name="Privilege"/> (read | write) to a role.</summary>
public sealed record GrantModel(string Privilege, string Role);

/// <summary>The audit trail's location and guarantees.</summary>
public sealed record AuditModel(string Store, string? Table, Duration? Retain, bool TamperEvident);

/// <summary>Static status of a safeguard derived by the compiler.</summary>
public enum ControlStatus
{
    /// <summary>Fully covered by the policy (and, after a run, its covering rules passed).</summary>
    Compliant,
    /// <summary>Covered for some datasets only.</summary>
    Partial,
    /// <summary>Nothing covers it.</summary>
    NotCovered,
    /// <summary>Waived with a reason until a date.</summary>
    Waived,
    /// <summary>After a run: a covering rule failed.</summary>
    Failing,
}

/// <summary>A safeguard the policy claims, with the rules (<c>dataset.rule</c>) whose results decide its status after a run.</summary>
public sealed record ControlModel(string Id, string Title, ControlStatus Status, IReadOnlyList<string> CoveringRules);

/// <summary>
/// A backup whose copies land under <paramref name="Prefix"/> of the s3 or folder store <paramref name="Store"/>, or are recorded in
/// a table of the database store <paramref name="Store"/> (<see cref="Records"/>) (<c>evidence in</c>).
/// </summary>
/// <param name="Name">The backup's name in the policy.</param>
/// <param name="Store">The store holding the copies, or their records.</param>
/// <param name="Prefix">The key prefix (s3) or relative folder (folder store) of the copies; null with <see cref="Records"/>.</param>
/// <param name="Every">The shortest schedule period (a quarter is 3 months), or null when none is declared.</param>
/// <param name="Retain">How long a copy is kept, or null when not declared.</param>
/// <param name="Source">Where the backup's evidence is written.</param>
public sealed record BackupModel(string Name, string Store, string? Prefix, Duration? Every, Duration? Retain, SourceRef Source)
{
    /// <summary>The table (collection) in which the backup tool records each copy; <see cref="Prefix"/> is null then.</summary>
    public BackupRecords? Records { get; init; }
}

/// <summary>A table (collection) holding a row per backup copy, timed by <see cref="TimeColumn"/>.</summary>
public sealed record BackupRecords(string Table, string TimeColumn);
