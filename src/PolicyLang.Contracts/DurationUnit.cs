namespace PolicyLang.Contracts;

/// <summary>Calendar units of a policy duration (<c>30 days</c>); months and years are calendar units.</summary>
public enum DurationUnit
{
    /// <summary>Minutes.</summary>
    Minute,
    /// <summary>Hours.</summary>
    Hour,
    /// <summary>Days.</summary>
    Day,
    /// <summary>Weeks (7 days).</summary>
    Week,
    /// <summary>Calendar months.</summary>
    Month,
    /// <summary>Calendar years.</summary>
    Year,
}
