namespace PolicyLang.Runtime.Reporting;

/// <summary>The outcome of checking a backup's copies.</summary>
public enum BackupStatus
{
    /// <summary>The newest copy is within the schedule and the oldest within the retention.</summary>
    Passed,
    /// <summary>No copy, the newest too old for the schedule, or the oldest kept past the retention.</summary>
    Failed,
    /// <summary>The copies could not be listed.</summary>
    Error,
}

/// <summary>One backup's copies (<c>evidence in</c>) against its schedule and retention.</summary>
public sealed class BackupResult
{
    /// <summary>The backup.</summary>
    public string Backup { get; set; } = "";
    /// <summary>The store holding its copies.</summary>
    public string Store { get; set; } = "";
    /// <summary>The prefix of its copies; null when a table records them.</summary>
    public string? Prefix { get; set; }
    /// <summary>The table (collection) recording its copies, one row each; null for copies under a prefix.</summary>
    public string? Table { get; set; }
    /// <summary>The column of <see cref="Table"/> holding when each copy was made.</summary>
    public string? TimeColumn { get; set; }
    /// <summary>The outcome.</summary>
    public BackupStatus Status { get; set; }
    /// <summary>Copies found.</summary>
    public long Copies { get; set; }
    /// <summary>When the newest copy was written.</summary>
    public DateTimeOffset? Newest { get; set; }
    /// <summary>When the oldest copy was written.</summary>
    public DateTimeOffset? Oldest { get; set; }
    /// <summary>The newest copy's age limit: the shortest schedule period (null without a schedule).</summary>
    public string? MaxNewestAge { get; set; }
    /// <summary>The oldest copy's age limit: the retention plus the shortest period, when the tool prunes (null without a retention).</summary>
    public string? MaxOldestAge { get; set; }
    /// <summary>What was found, in one sentence (why it failed, when it did).</summary>
    public string Detail { get; set; } = "";
    /// <summary>Where the backup's evidence is written.</summary>
    public Model.SourceRef? Source { get; set; }
}
