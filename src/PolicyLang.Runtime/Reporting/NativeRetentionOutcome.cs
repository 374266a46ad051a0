namespace PolicyLang.Runtime.Reporting;

/// <summary>
/// With <c>--apply</c>: bringing one dataset's store-enforced retention (a MongoDB TTL index) in line. The status reuses
/// <see cref="AccessStatus"/>: Applied, Unchanged, Planned (dry run), NotApplied (see <see cref="Note"/>) or Error.
/// </summary>
public sealed class NativeRetentionOutcome
{
    /// <summary>The dataset.</summary>
    public string Dataset { get; set; } = "";
    /// <summary>Its store.</summary>
    public string Store { get; set; } = "";
    /// <summary>The outcome.</summary>
    public AccessStatus Status { get; set; }
    /// <summary>in-sync | missing | different | not-applicable | unexpected, as found before applying.</summary>
    public string Finding { get; set; } = "";
    /// <summary>What the policy asks the store to enforce.</summary>
    public string Declared { get; set; } = "";
    /// <summary>What the store enforced before applying.</summary>
    public string Actual { get; set; } = "";
    /// <summary>The command run (or, in a dry run, that would run).</summary>
    public string? Command { get; set; }
    /// <summary>Why nothing was applied, for <see cref="AccessStatus.NotApplied"/>.</summary>
    public string? Note { get; set; }
    /// <summary>Why applying failed, for <see cref="AccessStatus.Error"/>.</summary>
    public string? Error { get; set; }
}
