using PolicyLang.Runtime.Reporting;

namespace PolicyLang.Runtime.Running;

/// <summary>How a run behaves. Defaults suit the <c>policyc run</c> verb.</summary>
public sealed class RunOptions
{
    /// <summary>Relative <c>file</c> and <c>path</c> settings resolve against this directory (the policy's folder).</summary>
    public string BaseDirectory { get; init; } = System.Environment.CurrentDirectory;

    /// <summary>Report what retention (and, with <see cref="ApplyAccess"/>, access) would do and change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Only these datasets (by name); null means all.</summary>
    public IReadOnlyCollection<string>? Datasets { get; init; }

    /// <summary>Violating rows sampled per broken rule.</summary>
    public int SampleSize { get; init; } = 5;

    /// <summary>
    /// Rows per retention batch: one archive object, one verification and one delete transaction, three audit records.
    /// Each batch pays fsyncs and round trips, so small batches are slow (PostgreSQL, 1M rows: 10,000 → 132k rows/s,
    /// 50,000 → 192k rows/s); memory grows with the batch only where a store buffers it (the postgres store buffers
    /// 10,000-row chunks whatever the batch).
    /// </summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>The default <see cref="BatchSize"/>.</summary>
    public const int DefaultBatchSize = 50_000;

    /// <summary>The run's clock; null means the wall clock when the run starts. Tests pin it.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>Run the rules.</summary>
    public bool Checks { get; init; } = true;

    /// <summary>Run retention.</summary>
    public bool Retention { get; init; } = true;

    /// <summary>
    /// Before checking each dataset, bring its access in line with its declared grants and masks (<c>policyc run --apply</c>)
    /// in stores that can (<see cref="Stores.IAccessStore"/>); with <see cref="DryRun"/>, only report the statements.
    /// </summary>
    public bool ApplyAccess { get; init; }

    /// <summary>Which failing rules make the run exit 1 (<see cref="RunReport.FailOn"/>); error-severity ones by default.</summary>
    public FailOn FailOn { get; init; }

    /// <summary>Progress of long runs (per dataset and per retention batch).</summary>
    public IProgress<RunProgress>? Progress { get; init; }

    /// <summary>
    /// Test hook called at the named points of retention (<see cref="FaultPoint.AfterArchive"/>, <see cref="FaultPoint.AfterVerify"/>,
    /// <see cref="FaultPoint.MidDelete"/>, <see cref="FaultPoint.AfterDelete"/>). Production callers leave it null.
    /// </summary>
    public Func<FaultPoint, ValueTask>? FaultInjection { get; init; }

    /// <summary>Limits on remote calls (timeouts, retries, the run's retry budget); null reads them from the environment (<see cref="RemoteLimits.FromEnvironment"/>).</summary>
    public RemoteLimits? Remote { get; init; }

    /// <summary>
    /// The folder that holds every run's temporary files, one sub-folder per run (<see cref="RunFolder"/>); null means
    /// <c>POLICYLANG_TEMP</c>, else <c>policylang</c> under the system's temporary folder.
    /// </summary>
    public string? TempRoot { get; init; }

    /// <summary>Reads environment variables for <c>env("X")</c> settings; replaceable in tests.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
}

/// <summary>A point of the retention protocol where a crash is simulated.</summary>
/// <param name="Name">after-archive | after-verify | mid-delete | after-delete.</param>
/// <param name="Dataset">The dataset.</param>
/// <param name="Batch">1-based batch number of this run; 0 for a batch recovered from an earlier run.</param>
public sealed record FaultPoint(string Name, string Dataset, int Batch)
{
    /// <summary>The archive object and manifest are written, not yet verified.</summary>
    public const string AfterArchive = "after-archive";
    /// <summary>Verified, delete not started.</summary>
    public const string AfterVerify = "after-verify";
    /// <summary>Inside the delete transaction, before commit.</summary>
    public const string MidDelete = "mid-delete";
    /// <summary>Delete committed, batch not yet marked complete.</summary>
    public const string AfterDelete = "after-delete";
}

/// <summary>A progress event.</summary>
/// <param name="Phase">checks | retention.</param>
/// <param name="Dataset">The dataset.</param>
/// <param name="Done">Rows processed so far (retention) or 1 when a dataset's checks finish.</param>
/// <param name="Total">Rows expected, when known.</param>
/// <param name="Batch">Retention batch number, 0 for checks.</param>
public sealed record RunProgress(string Phase, string Dataset, long Done, long? Total, int Batch)
{
    /// <summary>For checks: the dataset's rules evaluated (or that errored).</summary>
    public int RulesDone { get; init; }

    /// <summary>For checks: the dataset's rules.</summary>
    public int RulesTotal { get; init; }
}
