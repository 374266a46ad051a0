using PolicyLang.Runtime.Reporting;

namespace PolicyLang.Runtime.Running;

/// <summary>
/// The run was cancelled (Ctrl-C, SIGTERM, a caller's token). <see cref="Report"/> says what it did before it stopped: the
/// rules it finished, the retention batches it committed (and the one it was in, with the counts committed so far), and
/// <see cref="RunReport.Interrupted"/>. Work already committed stays committed; a rerun completes the rest.
/// </summary>
public sealed class RunInterruptedException : OperationCanceledException
{
    /// <summary>Wraps the report of an interrupted run.</summary>
    public RunInterruptedException(RunReport report, OperationCanceledException cause)
        : base("the run was interrupted", cause, cause.CancellationToken) => Report = report;

    /// <summary>What the run did before it was interrupted.</summary>
    public RunReport Report { get; }
}
