using PolicyLang.Core.Binding;

namespace PolicyLang.Core.Binding.Model;

/// <summary>
/// The checked, name-resolved policy: what Controls, Docs and Emit read (never the syntax).
/// Produced by the binder even when there are errors: unresolvable parts are left out.
/// </summary>
public sealed record BoundPolicy(
    PolicyHeader? Header,
    IReadOnlyList<ClassificationLevel> Classification,
    IReadOnlyList<RoleSymbol> Roles,
    IReadOnlyList<StoreSymbol> Stores,
    IReadOnlyList<DatasetSymbol> Datasets,
    AuditSymbol? Audit,
    IReadOnlyList<BackupSymbol> Backups,
    ControlsSymbol? Controls,
    IReadOnlyList<ApprovalSymbol> Approvals,
    IReadOnlyList<ChangeSymbol> Changes,
    IReadOnlyList<TestSymbol> Tests)
{
    /// <summary>Parts of the policy that failed to parse (their syntax errors are reported): what they may have said is unknown.</summary>
    public IReadOnlyList<UnparsedPart> Unparsed { get; init; } = [];

    /// <summary>The <c>history</c> block: where every run's results are kept, when the policy declares it.</summary>
    public HistorySymbol? History { get; init; }

    /// <summary>The policy's identity: its <c>name</c>, else a slug of its title (<see cref="PolicyIdentity"/>).</summary>
    public string Identity => PolicyIdentity.Of(this);

    public StoreSymbol? FindStore(string name) => Stores.FirstOrDefault(s => s.Name == name);

    public DatasetSymbol? FindDataset(string name) => Datasets.FirstOrDefault(d => d.Name == name);
}

/// <summary>
/// A declaration or block member skipped after a syntax error: the keyword it is (or misspells; null when it cannot
/// be told) and every word and number written in it, so later stages do not report what it may have said as missing.
/// </summary>
public sealed record UnparsedPart(string? Keyword, IReadOnlyList<string> Words, SourceLocation Location)
{
    public bool MayBe(string keyword) => Keyword is null || Keyword == keyword;

    public bool Mentions(string word) => Words.Contains(word);
}

/// <summary>The <c>policy</c> declaration.</summary>
public sealed record PolicyHeader(
    string Title,
    string? Version,
    string? Owner,
    string? Description,
    PolicyDuration? ReviewEvery,
    IReadOnlyList<FrameworkReference> Frameworks,
    SourceLocation Location)
{
    /// <summary>The <c>name</c> setting (a valid identity), when written.</summary>
    public string? Name { get; init; }

    /// <summary>The <c>schedule</c> setting: when the runner runs the policy's datasets that have no schedule of their own.</summary>
    public ScheduleSymbol? Schedule { get; init; }
}

/// <summary>A framework named in <c>frameworks</c>: <c>cis-v8</c>, <c>nist-csf-1.1</c>, <c>nist-800-53r5</c>, <c>iso-27001-2022</c>, <c>nist-csf-2.0</c>, <c>nist-800-171</c>.</summary>
public sealed record FrameworkReference(string Id, SourceLocation Location);

/// <summary>A classification level; <see cref="Rank"/> 0 is the least sensitive.</summary>
public sealed record ClassificationLevel(string Name, int Rank, SourceLocation Location);

public sealed record RoleSymbol(string Name, string? Description, SourceLocation Location);

public enum StoreKind
{
    Postgres,
    MongoDb,
    S3,
    DuckDb,
    Folder,
}

/// <summary>A store and its settings, keyed by keyword (<c>connection</c>, <c>tls</c>, <c>bucket</c>, ...).</summary>
public sealed record StoreSymbol(string Name, StoreKind Kind, IReadOnlyDictionary<string, BoundSetting> Settings, SourceLocation Location)
{
    /// <summary>The kind as written in policies (<c>postgres</c>, <c>mongodb</c>, ...).</summary>
    public string KindName => Kind.ToString().ToLowerInvariant();

    /// <summary>True for stores that can receive archives (<c>s3</c>, <c>folder</c>).</summary>
    public bool CanHoldArchives => Kind is StoreKind.S3 or StoreKind.Folder;

    public string? Setting(string keyword) => Settings.TryGetValue(keyword, out var s) ? s.Literal : null;
}
