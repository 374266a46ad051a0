using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Reporting;

/// <summary>The outcome of one run: rules, controls, retention, per-dataset facts and the exit code. Serialized as camelCase JSON.</summary>
public sealed class RunReport
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Keep "→" and non-ASCII names readable; the report is never embedded in HTML unescaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The policy's name.</summary>
    public string Policy { get; set; } = "";
    /// <summary>The policy's <c>version</c> that ran (documents refuse a report of another version).</summary>
    public string? PolicyVersion { get; set; }
    /// <summary>When the run started (wall clock).</summary>
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>The run's clock: cutoffs and freshness are computed as of this instant (<see cref="Running.RunOptions.Now"/> or the start).</summary>
    public DateTimeOffset AsOf { get; set; }
    /// <summary>When the run finished (wall clock).</summary>
    public DateTimeOffset FinishedAt { get; set; }
    /// <summary>True when nothing was changed.</summary>
    public bool DryRun { get; set; }
    /// <summary>Per-dataset facts.</summary>
    public List<DatasetReport> Datasets { get; set; } = [];
    /// <summary>Every evaluated rule.</summary>
    public List<RuleResult> Rules { get; set; } = [];
    /// <summary>Safeguard statuses after the run.</summary>
    public List<ControlResult> Controls { get; set; } = [];
    /// <summary>Retention outcomes per dataset.</summary>
    public List<RetentionResult> Retention { get; set; } = [];
    /// <summary>With <see cref="Running.RunOptions.ApplyAccess"/>: per dataset declaring grants or masks, what bringing its access in line ran, would run, or why it could not.</summary>
    public List<AccessOutcome> Access { get; set; } = [];
    /// <summary>With <see cref="Running.RunOptions.ApplyAccess"/>: per dataset whose store can enforce retention itself (a MongoDB TTL index), what bringing it in line ran, would run, or why it may not.</summary>
    public List<NativeRetentionOutcome> NativeRetention { get; set; } = [];
    /// <summary>Per backup giving <c>evidence in</c>: its copies' newest age against the schedule and oldest against the retention.</summary>
    public List<BackupResult> Backups { get; set; } = [];
    /// <summary>Failures of the run itself (audit store, unknown dataset filter...).</summary>
    public List<string> Errors { get; set; } = [];
    /// <summary>Temporary files of earlier runs that were killed before removing them, removed when this run started (<see cref="Running.RunFolder"/>).</summary>
    public int TempFilesRemoved { get; set; }
    /// <summary>The hash of the last audit record written (anchor for tamper-evidence), when the chain is on.</summary>
    public string? AuditHead { get; set; }

    /// <summary>
    /// True when the run was cancelled (Ctrl-C, SIGTERM) before it finished: <see cref="Rules"/> holds the rules it finished and
    /// <see cref="Retention"/> the batches it committed, including those of the dataset it was in (marked interrupted).
    /// </summary>
    public bool Interrupted { get; set; }

    /// <summary>The exit code an interrupted run ends with (128 + SIGINT, as shells report it).</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>Which failing rules make the run fail (exit code 1): error-severity ones (the default), or warn-severity ones too.</summary>
    public FailOn FailOn { get; set; }

    /// <summary>
    /// 0: every rule passed (warnings allowed unless <see cref="FailOn"/> is warn); 1: an error-severity rule failed (or, with
    /// <see cref="FailOn.Warn"/>, a warn-severity one); 2: the run itself failed (a store, a dataset, retention or audit errored);
    /// 130: interrupted before it finished.
    /// </summary>
    public int ExitCode =>
        Interrupted ? InterruptedExitCode
        : Errors.Count > 0 || Datasets.Any(d => d.Errors.Count > 0) || Rules.Any(r => r.Status == RuleStatus.Error)
            || Retention.Any(r => r.Error is not null) || Backups.Any(b => b.Status == BackupStatus.Error) ? 2
        : Rules.Any(FailsTheRun) || Backups.Any(b => b.Status == BackupStatus.Failed) ? 1
        : 0;

    /// <summary>True when the run succeeded (exit code 0): every step ran and no rule failed the run under <see cref="FailOn"/>.</summary>
    [JsonIgnore]
    public bool Succeeded => ExitCode == 0;

    /// <summary>Whether this rule's outcome makes the run exit 1 under <see cref="FailOn"/>.</summary>
    public bool FailsTheRun(RuleResult rule) =>
        rule.Status == RuleStatus.Failed || (FailOn == FailOn.Warn && rule.Status == RuleStatus.Warned);

    /// <summary>The report as indented camelCase JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a report written by <see cref="ToJson"/>.</summary>
    public static RunReport FromJson(string json) =>
        JsonSerializer.Deserialize<RunReport>(json, JsonOptions) ?? throw new JsonException("empty report");

    /// <summary>Writes the human summary (see <see cref="SummaryWriter"/>).</summary>
    public void WriteSummary(TextWriter writer) => SummaryWriter.Write(this, writer);
}

/// <summary>Which failing rules fail a run (<c>policyc run --fail-on</c>).</summary>
public enum FailOn
{
    /// <summary>Only error-severity rules (a warn-severity rule that breaks is reported as warned).</summary>
    Error,
    /// <summary>Error- and warn-severity rules.</summary>
    Warn,
}

/// <summary>A rule's result.</summary>
public enum RuleStatus
{
    /// <summary>Within tolerance (or failing at severity info, with a note).</summary>
    Passed,
    /// <summary>Broken at severity error.</summary>
    Failed,
    /// <summary>Broken at severity warn.</summary>
    Warned,
    /// <summary>Could not be evaluated.</summary>
    Error,
}

/// <summary>Facts about one dataset's run.</summary>
public sealed class DatasetReport
{
    /// <summary>The dataset.</summary>
    public string Dataset { get; set; } = "";
    /// <summary>Its store.</summary>
    public string Store { get; set; } = "";
    /// <summary>Rules evaluated.</summary>
    public int Rules { get; set; }
    /// <summary>Queries (scans) the store ran for them, plus one stream when <c>csharp</c> rules exist.</summary>
    public int Queries { get; set; }
    /// <summary>"N rules → K queries".</summary>
    public string QueriesSummary => $"{Plural.Of(Rules, "rule")} → {Plural.Of(Queries, "query")}";
    /// <summary>Rows in the dataset, when checked.</summary>
    public long? Total { get; set; }
    /// <summary>Declared vs live schema differences.</summary>
    public List<SchemaFinding> SchemaDrift { get; set; } = [];
    /// <summary>Why the dataset (or part of it) could not be processed.</summary>
    public List<string> Errors { get; set; } = [];
}

/// <summary>One rule's outcome.</summary>
public sealed class RuleResult
{
    /// <summary>The dataset.</summary>
    public string Dataset { get; set; } = "";
    /// <summary>The rule's name.</summary>
    public string Rule { get; set; } = "";
    /// <summary>The rule's kind.</summary>
    public RuleKind Kind { get; set; }
    /// <summary>Declared severity.</summary>
    public Severity Severity { get; set; }
    /// <summary>The outcome.</summary>
    public RuleStatus Status { get; set; }
    /// <summary>Violating rows.</summary>
    public long Violations { get; set; }
    /// <summary>Rows considered.</summary>
    public long Total { get; set; }
    /// <summary>Declared tolerance, when any.</summary>
    public double? Tolerance { get; set; }
    /// <summary>An explanation (info severity, predicate exception, freshness).</summary>
    public string? Note { get; set; }
    /// <summary>Why the rule could not be evaluated.</summary>
    public string? Error { get; set; }
    /// <summary>Bounded sample of violating rows (key and rule column, masked), for broken rules.</summary>
    public List<Dictionary<string, string?>> Samples { get; set; } = [];
    /// <summary>Where the rule is written.</summary>
    public SourceRef? Source { get; set; }
    /// <summary>Incremental checks: the rows this run checked (null: the whole table).</summary>
    public RuleWindow? Window { get; set; }
    /// <summary>For a rule decided once on a measured value (an aggregate, a row-count bound): the value; null when there was none or for other rules.</summary>
    public double? Observed { get; set; }
    /// <summary>For a rule decided once on a measured value: what it must satisfy (<c>between 1 and 3</c>, <c>&lt;= 0.02</c>).</summary>
    public string? Expected { get; set; }
}

/// <summary>A safeguard's status after the run.</summary>
public sealed class ControlResult
{
    /// <summary>The safeguard id.</summary>
    public string Id { get; set; } = "";
    /// <summary>Its title.</summary>
    public string Title { get; set; } = "";
    /// <summary>The status.</summary>
    public ControlStatus Status { get; set; }
    /// <summary>Covering rules (<c>dataset.rule</c>) that failed.</summary>
    public List<string> FailingRules { get; set; } = [];
}

/// <summary>Retention outcome for one dataset, or for one stage of a dataset whose lifecycle has several.</summary>
public sealed class RetentionResult
{
    /// <summary>The dataset.</summary>
    public string Dataset { get; set; } = "";
    /// <summary>The stage's position in the dataset's lifecycle (1 = first written); null when the dataset has one stage.</summary>
    public int? Stage { get; set; }
    /// <summary>The stage as reports name it (<c>5 years archive+delete</c>, <c>10 years expire offsite</c>); null when the dataset has one stage.</summary>
    public string? StageLabel { get; set; }
    /// <summary>For an archive-expiry stage: the archive store whose batches it deletes.</summary>
    public string? ArchiveStore { get; set; }
    /// <summary>For an archive-expiry stage: archived batches deleted from <see cref="ArchiveStore"/> (in a dry run: that would be).</summary>
    public int? ExpiredBatches { get; set; }
    /// <summary>For an archive-expiry stage: the rows those batches held.</summary>
    public long? ExpiredRows { get; set; }
    /// <summary>For an archive-expiry stage: batches old enough but kept because they are not complete (their rows' retention is unfinished).</summary>
    public int? KeptIncomplete { get; set; }
    /// <summary>Rows older than this were selected.</summary>
    public DateTimeOffset Cutoff { get; set; }
    /// <summary>delete | anonymize.</summary>
    public string Action { get; set; } = "";
    /// <summary>In a dry run: rows that would be processed.</summary>
    public long? WouldProcess { get; set; }
    /// <summary>Rows written to verified archives in this run (including recovered batches).</summary>
    public long Archived { get; set; }
    /// <summary>Rows deleted.</summary>
    public long Deleted { get; set; }
    /// <summary>Rows anonymized.</summary>
    public long Anonymized { get; set; }
    /// <summary>Batches completed.</summary>
    public int Batches { get; set; }
    /// <summary>Interrupted batches of an earlier run finished by this one.</summary>
    public int Recovered { get; set; }
    /// <summary>Archive objects written or finished.</summary>
    public List<string> ArchiveObjects { get; set; } = [];
    /// <summary>Why retention stopped, if it did.</summary>
    public string? Error { get; set; }
    /// <summary>True when the run was interrupted during this dataset's retention: the counts are what was committed until then.</summary>
    public bool? Interrupted { get; set; }
}
