namespace PolicyLang.Core.Binding.Model;

/// <summary>The <c>audit</c> declaration.</summary>
public sealed record AuditSymbol(StoreSymbol? Store, string? Table, PolicyDuration? Retain, bool TamperEvident, SourceLocation Location);

/// <summary>A schedule line: <c>every week keep 4</c>.</summary>
public sealed record BackupSchedule(SchedulePeriod Period, int Keep, SourceLocation Location);

/// <summary>The <c>backup</c> declaration; <see cref="Covers"/> are stores.</summary>
public sealed record BackupSymbol(
    string Name,
    IReadOnlyList<StoreSymbol> Covers,
    string? Tool,
    IReadOnlyList<BackupSchedule> Schedules,
    PolicyDuration? Retain,
    StoreSymbol? Offsite,
    string? Encryption,
    SchedulePeriod? RestoreTestEvery,
    SourceLocation Location)
{
    /// <summary>The key id when <see cref="Encryption"/> is <c>kms</c>.</summary>
    public string? EncryptionKey { get; init; }

    /// <summary>Where the <c>offsite</c> setting is written, when it is.</summary>
    public SourceLocation? OffsiteLocation { get; init; }

    /// <summary>Where the backup's copies land (<c>evidence in store prefix "..."</c>), for the run's copy checks.</summary>
    public BackupEvidence? Evidence { get; init; }
}

/// <summary>
/// <c>evidence in store prefix "backups/db/"</c>: the copies the runner judges against the schedule and retention; or, with
/// <see cref="Records"/>, <c>evidence in db table "ops.backups" by finished_at</c>: the rows recording them (<see cref="Prefix"/> null).
/// </summary>
public sealed record BackupEvidence(StoreSymbol Store, string? Prefix, SourceLocation Location)
{
    public BackupRecords? Records { get; init; }
}

/// <summary>A table (collection) in which a backup tool records each copy, one row per copy, timed by <see cref="TimeColumn"/>.</summary>
public sealed record BackupRecords(string Table, string TimeColumn);

/// <summary>The <c>controls</c> block.</summary>
public sealed record ControlsSymbol(
    string Framework,
    IReadOnlyList<SafeguardReference> Required,
    IReadOnlyList<EvidenceSymbol> Evidence,
    IReadOnlyList<WaiverSymbol> Waivers,
    SourceLocation Location);

public sealed record EvidenceSymbol(string SafeguardId, string Text, SourceLocation Location);

public sealed record WaiverSymbol(string SafeguardId, string Reason, DateOnly Until, SourceLocation Location);

public enum ApprovalStatus
{
    Approved,
    Pending,
    Rejected,
}

public sealed record ApprovalSymbol(string Reviewer, string Role, DateOnly Date, ApprovalStatus Status, string? Comment, SourceLocation Location);

public sealed record ChangeSymbol(string Version, DateOnly Date, string Author, string Description, SourceLocation Location);

/// <summary>A <c>test</c> block's row: field values, and the rules it must fail (empty with <see cref="ExpectPass"/>).</summary>
public sealed record TestRowSymbol(
    IReadOnlyDictionary<string, BoundLiteral> Fields,
    bool ExpectPass,
    IReadOnlyList<string> ExpectedFailures,
    SourceLocation Location);

public sealed record TestSymbol(DatasetSymbol Dataset, IReadOnlyList<TestRowSymbol> Rows, SourceLocation Location);
