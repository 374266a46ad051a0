namespace PolicyLang.Cli;

/// <summary>Exit codes shared by every verb; schedulers and CI scripts rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>No errors (warnings allowed).</summary>
    public const int Success = 0;

    /// <summary>The policy has errors, or (for `run`) an error-severity rule failed.</summary>
    public const int Failed = 1;

    /// <summary>Usage or I/O problems, or (for `run`) the run itself failed.</summary>
    public const int Usage = 2;
}
