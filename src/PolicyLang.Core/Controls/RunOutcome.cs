namespace PolicyLang.Core.Controls;

/// <summary>The kinds of run step a safeguard's evidence can depend on.</summary>
public enum RunStepKind
{
    /// <summary>A rule (<c>dataset.rule</c>) named in <c>covers</c>.</summary>
    Rule,
    /// <summary>A dataset's retention (any stage, or its store-enforced TTL).</summary>
    Retention,
    /// <summary>A dataset's access: grants and masked view applied with <c>--apply</c>, or their drift found by the checks.</summary>
    Access,
    /// <summary>The audit trail.</summary>
    Audit,
    /// <summary>A backup's copies (<c>evidence in</c>): the newest against the schedule, the oldest against the retention.</summary>
    Backup,
}

/// <summary>A run step, named as the run report names it: <c>dataset.rule</c>, a dataset, a backup, or <c>audit</c>.</summary>
public sealed record RunStep(RunStepKind Kind, string Name)
{
    public static RunStep Rule(string dataset, string rule) => new(RunStepKind.Rule, $"{dataset}.{rule}");

    public static RunStep Retention(string dataset) => new(RunStepKind.Retention, dataset);

    public static RunStep Access(string dataset) => new(RunStepKind.Access, dataset);

    public static RunStep Backup(string backup) => new(RunStepKind.Backup, backup);

    public static RunStep Audit { get; } = new(RunStepKind.Audit, "audit");

    /// <summary>As documents list it: <c>rule gaia.ra_between</c>, <c>retention of gaia</c>, <c>backup databases</c>, <c>audit</c>.</summary>
    public override string ToString() => Kind switch
    {
        RunStepKind.Rule => $"rule {Name}",
        RunStepKind.Retention => $"retention of {Name}",
        RunStepKind.Access => $"access of {Name}",
        RunStepKind.Backup => $"backup {Name}",
        _ => "audit",
    };
}

/// <summary>A step that failed or errored in a run, and what the report said about it.</summary>
public sealed record FailedStep(RunStep Step, string Detail)
{
    public override string ToString() => $"{Step}: {Detail}";
}

/// <summary>
/// What a document needs from a run report (<see cref="RunReportReader"/>): when the run was, which policy version it ran, and the
/// steps that failed or errored. <see cref="AcceptedDespite"/> is set when the host accepted a report it would refuse (another
/// version, older than the review period): documents flag it.
/// </summary>
public sealed record RunOutcome(DateTimeOffset RunAt, string Policy, string? PolicyVersion, IReadOnlyList<FailedStep> Failed)
{
    /// <summary>Why this report would have been refused, when it was accepted anyway (<c>--accept-run-report</c>).</summary>
    public string? AcceptedDespite { get; init; }

    /// <summary>
    /// Why a document for <paramref name="policy"/> must not be derived from this run, or null when it may: the report is of another
    /// policy, of another policy version, or older than the policy's review period on <paramref name="today"/>.
    /// </summary>
    public string? Refusal(Binding.Model.BoundPolicy policy, DateOnly today)
    {
        var version = policy.Header?.Version;
        if (Policy != policy.Identity)
        {
            return $"the run report is of policy `{Policy}`, not `{policy.Identity}`";
        }

        if (version is not null && PolicyVersion != version)
        {
            return PolicyVersion is null
                ? $"the run report does not say which policy version it ran (written before reports recorded it); the policy is version {version}"
                : $"the run report is of policy version {PolicyVersion}, the policy is version {version}";
        }

        if (policy.Header?.ReviewEvery is { } review)
        {
            var runDay = DateOnly.FromDateTime(RunAt.UtcDateTime);
            var oldest = Before(today, review);
            if (runDay < oldest)
            {
                return $"the run of {Docs.ComplianceDocument.Date(runDay)} is older than the policy's review period (every {review}): runs before {Docs.ComplianceDocument.Date(oldest)} are stale";
            }
        }

        return null;
    }

    /// <summary>The day <paramref name="d"/> before <paramref name="day"/> (calendar months and years; minutes and hours count as part of a day).</summary>
    internal static DateOnly Before(DateOnly day, Binding.Model.PolicyDuration d) => d.Unit switch
    {
        DurationUnit.Year => day.AddYears(-d.Amount),
        DurationUnit.Month => day.AddMonths(-d.Amount),
        DurationUnit.Week => day.AddDays(-7 * d.Amount),
        DurationUnit.Day => day.AddDays(-d.Amount),
        DurationUnit.Hour => day.AddDays(-(d.Amount / 24)),
        _ => day.AddDays(-(d.Amount / 1440)),
    };
}
