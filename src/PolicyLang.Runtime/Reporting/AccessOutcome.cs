namespace PolicyLang.Runtime.Reporting;

/// <summary>What <c>--apply</c> did to one dataset's access (grants and masked view).</summary>
public enum AccessStatus
{
    /// <summary>The statements ran, in one transaction, and were audited.</summary>
    Applied,
    /// <summary>Access already matched the policy; nothing ran.</summary>
    Unchanged,
    /// <summary>Dry run: the statements that would run; nothing ran.</summary>
    Planned,
    /// <summary>The dataset's store cannot apply grants or masks (see <see cref="AccessOutcome.Note"/>); nothing ran.</summary>
    NotApplied,
    /// <summary>Applying failed; nothing changed (see <see cref="AccessOutcome.Error"/>).</summary>
    Error,
}

/// <summary>Bringing one dataset's access in line with its declared grants and masks.</summary>
public sealed class AccessOutcome
{
    /// <summary>The dataset.</summary>
    public string Dataset { get; set; } = "";
    /// <summary>Its store.</summary>
    public string Store { get; set; } = "";
    /// <summary>The outcome.</summary>
    public AccessStatus Status { get; set; }
    /// <summary>The statements run (or, in a dry run, that would run), in order.</summary>
    public List<string> Statements { get; set; } = [];
    /// <summary>Privileges granted (declared but missing).</summary>
    public int Granted { get; set; }
    /// <summary>Privileges revoked (present but not declared).</summary>
    public int Revoked { get; set; }
    /// <summary>The masked view (re)created, when it had drifted.</summary>
    public string? MaskedView { get; set; }
    /// <summary>Why access was not applied, for <see cref="AccessStatus.NotApplied"/>.</summary>
    public string? Note { get; set; }
    /// <summary>Why applying failed, for <see cref="AccessStatus.Error"/>.</summary>
    public string? Error { get; set; }
}
