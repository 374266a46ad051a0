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

    /// <summary>For `run`: the run passed, but an output (a metrics push, a report file) could not be delivered.</summary>
    public const int OutputFailed = 3;

    /// <summary>Interrupted (Ctrl+C or SIGTERM) before the work finished; 128 + SIGINT, as shells report it.</summary>
    public const int Interrupted = 130;
}
