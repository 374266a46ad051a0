namespace PolicyLang.Runtime.History;

/// <summary>
/// One row of the run history, the same on every store (docs/history.md "Schema"): a column of a PostgreSQL or DuckDB table, a
/// field of a MongoDB document, a member of a JSON Lines object, each named as in <see cref="HistoryColumns"/>. A run writes one
/// record per rule, retention stage, access step and dataset error, then one <see cref="HistoryEntry.Run"/> record last: a run
/// whose <c>run</c> record is missing was cut short while writing and is not read back.
/// </summary>
public sealed record HistoryRecord
{
    /// <summary>The run's identity, shared by all its records (null on rows written before run ids existed).</summary>
    public string? RunId { get; init; }

    /// <summary>The run's clock (its as-of time), the same for every record of a run.</summary>
    public DateTimeOffset RunAt { get; init; }

    /// <summary>The policy's identity.</summary>
    public string Policy { get; init; } = "";

    /// <summary>The dataset; empty for the run record and run-wide errors.</summary>
    public string Dataset { get; init; } = "";

    /// <summary>What the record is about: one of <see cref="HistoryEntry"/>.</summary>
    public string Entry { get; init; } = HistoryEntry.Rule;

    /// <summary>The rule's name, or the step in brackets (<c>[retention]</c>, <c>[access]</c>, <c>[run]</c>), as in JUnit reports.</summary>
    public string Rule { get; init; } = "";

    /// <summary>The rule kind (<c>NotNull</c>, <c>Unique</c>, ...), or the entry for steps.</summary>
    public string Kind { get; init; } = "";

    /// <summary><c>error</c>, <c>warn</c> or <c>info</c> for rules; <c>error</c> for steps (a failed step fails the run).</summary>
    public string Severity { get; init; } = "error";

    /// <summary><c>passed</c>, <c>failed</c>, <c>warned</c> or <c>error</c> (rules, steps); access steps add <c>applied</c>, <c>unchanged</c>, <c>planned</c>, <c>notapplied</c>; a run <c>interrupted</c>.</summary>
    public string Status { get; init; } = "";

    /// <summary>Rows violating the rule; rows processed by a retention stage; statements run by an access step; the run's exit code.</summary>
    public long Violations { get; init; }

    /// <summary>Rows the rule considered; rows the retention stage found expired; the run's rule count.</summary>
    public long Total { get; init; }

    /// <summary>The rule's tolerance, when it has one.</summary>
    public double? Tolerance { get; init; }

    /// <summary>Why the rule or step could not run.</summary>
    public string? Error { get; init; }

    /// <summary>A JSON object with what the entry's kind adds (retention counts, access statements, run duration).</summary>
    public string? Details { get; init; }

    /// <summary>Incremental checks: the column the rule's window is measured on.</summary>
    public string? WindowColumn { get; init; }

    /// <summary>Incremental checks: the exclusive lower bound of the rows checked (the previous watermark), canonical text.</summary>
    public string? WindowFrom { get; init; }

    /// <summary>Incremental checks: the inclusive upper bound of the rows checked (the new watermark), canonical text.</summary>
    public string? WindowTo { get; init; }

    /// <summary>Whether the outcome counts as passing for streaks and flips: passed, applied, unchanged or planned.</summary>
    public bool Passing => Status is HistoryStatus.Passed or "applied" or "unchanged" or "planned" or "notapplied";
}

/// <summary>The values of <see cref="HistoryRecord.Entry"/>.</summary>
public static class HistoryEntry
{
    /// <summary>A rule's result.</summary>
    public const string Rule = "rule";
    /// <summary>A retention stage.</summary>
    public const string Retention = "retention";
    /// <summary>Applying grants and masked views (<c>--apply</c>).</summary>
    public const string Access = "access";
    /// <summary>Store-native retention (TTL indexes, lifecycle rules).</summary>
    public const string NativeRetention = "native-retention";
    /// <summary>A dataset step that failed as a whole (its checks could not run).</summary>
    public const string Dataset = "dataset";
    /// <summary>The run itself, written last.</summary>
    public const string Run = "run";
}

/// <summary>Common values of <see cref="HistoryRecord.Status"/>.</summary>
public static class HistoryStatus
{
    /// <summary>Passed.</summary>
    public const string Passed = "passed";
    /// <summary>Failed at severity error (or a run that exited 1).</summary>
    public const string Failed = "failed";
    /// <summary>Failed at severity warn.</summary>
    public const string Warned = "warned";
    /// <summary>Could not run.</summary>
    public const string Error = "error";
    /// <summary>A run interrupted by a signal.</summary>
    public const string Interrupted = "interrupted";
}

/// <summary>The history's column (field, member) names, in order: one schema on every store.</summary>
public static class HistoryColumns
{
    /// <summary>All columns in table order.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "run_id", "run_at", "policy", "dataset", "entry", "rule", "kind", "severity", "status", "violations", "total", "tolerance", "error",
        "details", "window_column", "window_from", "window_to", "recorded_at",
    ];

    /// <summary>The values of <paramref name="r"/> in the order of <see cref="All"/> (without <c>recorded_at</c>, which the store sets).</summary>
    public static object?[] Values(HistoryRecord r) =>
    [
        r.RunId, r.RunAt, r.Policy, r.Dataset, r.Entry, r.Rule, r.Kind, r.Severity, r.Status, r.Violations, r.Total, r.Tolerance, r.Error,
        r.Details, r.WindowColumn, r.WindowFrom, r.WindowTo,
    ];
}
