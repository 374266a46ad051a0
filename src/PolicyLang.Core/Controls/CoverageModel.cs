using PolicyLang.Core.Binding.Model;

namespace PolicyLang.Core.Controls;

/// <summary>What one statement proves about one safeguard.</summary>
public enum CoverageState
{
    NotCovered,
    Partial,
    Covered,
}

/// <summary>A statement in the policy that supports a safeguard: its text as written, and where.</summary>
public sealed record EvidenceItem(string Text, SourceLocation Location)
{
    public string File => Location.File.Path;

    public int Line => Location.Line;

    /// <summary>The run step whose outcome this evidence depends on (a rule, a dataset's retention or access, the audit, a backup), when any.</summary>
    public RunStep? Step { get; init; }
}

/// <summary>
/// Evidence that relies on a capability its store lacks (<see cref="StoreCapabilities"/>): <see cref="Item"/> (a dataset,
/// store, audit or backup) is listed as lacking with <see cref="Reason"/>, and GOV0407 is reported at <see cref="At"/>.
/// </summary>
public sealed record CapabilityGap(string Item, StoreCapability Capability, string Reason, SourceLocation At)
{
    /// <summary>As the lacking list shows it: <c>item (reason)</c>.</summary>
    public string Lacking => $"{Item} ({Reason})";
}

/// <summary>
/// The outcome of one coverage entry on one policy. <see cref="Lacking"/> names the datasets,
/// stores or backups that miss the obligation when the state is <see cref="CoverageState.Partial"/>.
/// </summary>
public sealed record CoverageFinding(CoverageState State, IReadOnlyList<EvidenceItem> Evidence, IReadOnlyList<string> Lacking)
{
    public static CoverageFinding None { get; } = new(CoverageState.NotCovered, [], []);

    /// <summary>Evidence whose store lacks the capability it relies on; each is also in <see cref="Lacking"/>.</summary>
    public IReadOnlyList<CapabilityGap> Gaps { get; init; } = [];

    /// <summary>
    /// Downgrades the finding for evidence that relies on a capability its store lacks: a Covered finding becomes Partial, and each
    /// gap joins <see cref="Lacking"/> with its reason. The statements stay evidence: they are written, just not enforced there.
    /// </summary>
    public CoverageFinding WithGaps(IReadOnlyList<CapabilityGap> gaps) =>
        gaps.Count == 0 || State == CoverageState.NotCovered ? this
        : this with { State = CoverageState.Partial, Lacking = [.. Lacking, .. gaps.Select(g => g.Lacking)], Gaps = [.. Gaps, .. gaps] };

    /// <summary>
    /// The usual "every X has Y" shape: covered when all items have it, partial when some do,
    /// not covered when none do (or there are no items).
    /// </summary>
    public static CoverageFinding Every<T>(IReadOnlyList<T> items, Func<T, EvidenceItem?> evidence, Func<T, string> name)
    {
        var found = items.Select(i => (Item: i, Evidence: evidence(i))).ToList();
        var present = found.Where(f => f.Evidence is not null).Select(f => f.Evidence!).ToList();
        var lacking = found.Where(f => f.Evidence is null).Select(f => name(f.Item)).ToList();
        var state = present.Count == 0 ? CoverageState.NotCovered
            : lacking.Count == 0 ? CoverageState.Covered
            : CoverageState.Partial;
        return new CoverageFinding(state, present, state == CoverageState.NotCovered ? [] : lacking);
    }
}

/// <summary>
/// One safeguard's share of a built-in coverage row. <see cref="Obligation"/> completes
/// "... lack {obligation}" in partial-coverage warnings.
/// </summary>
public sealed record CoverageEntry(string SafeguardId, string Condition, string Obligation, Func<BoundPolicy, CoverageFinding> Evaluate);

/// <summary>A row of the built-in coverage table (docs/controls-and-docs.md): the statement, and what it proves for each safeguard.</summary>
public sealed record CoverageRow(string Statement, IReadOnlyList<CoverageEntry> Entries);

/// <summary>A safeguard's derived status, as documents show it.</summary>
public enum SafeguardStatus
{
    Compliant,
    Partial,
    NotCovered,
    Waived,
    /// <summary>After a run: a rule, retention, access, audit or backup step the safeguard's evidence includes failed or errored.</summary>
    Failing,
}

/// <summary>CIS's mapping of a safeguard into a framework the policy names.</summary>
public sealed record CrossReference(string FrameworkId, string Framework, string TargetId, string Relationship);

/// <summary>Everything known about one safeguard in one policy.</summary>
public sealed record SafeguardCoverage(
    string Id,
    string Title,
    SafeguardStatus Status,
    bool Required,
    SourceLocation? RequiredAt,
    IReadOnlyList<EvidenceItem> Evidence,
    IReadOnlyList<string> Lacking,
    IReadOnlyList<string> CoveringRules,
    WaiverSymbol? Waiver,
    IReadOnlyList<CrossReference> CrossReferences)
{
    /// <summary>Rules (<c>dataset.rule</c>) that failed in a run; their safeguard is no longer compliant.</summary>
    public IReadOnlyList<string> FailingRules { get; init; } = [];

    /// <summary>A waiver whose date has passed (GOV0403): shown beside the status it no longer changes.</summary>
    public WaiverSymbol? ExpiredWaiver { get; init; }

    /// <summary>Evidence relying on a capability its store lacks (also in <see cref="Lacking"/>, with the reason).</summary>
    public IReadOnlyList<CapabilityGap> Gaps { get; init; } = [];

    /// <summary>The run steps among this safeguard's evidence that failed or errored in the run the status was derived from.</summary>
    public IReadOnlyList<FailedStep> FailedSteps { get; init; } = [];
}

/// <summary>
/// The safeguards a policy requires, covers (fully or partly), waives or gives evidence for,
/// in catalogue order, plus the frameworks cross-referenced and those without mapping data.
/// </summary>
public sealed record CoverageReport(
    IReadOnlyList<SafeguardCoverage> Safeguards,
    IReadOnlyList<string> MappedFrameworks,
    IReadOnlyList<string> UnmappedFrameworks)
{
    /// <summary>The run the statuses were derived from (<see cref="WithRun"/>); null when derived from the policy alone.</summary>
    public RunOutcome? Run { get; init; }

    /// <summary>
    /// After a run: each safeguard whose evidence includes a step that failed or errored in <paramref name="run"/> (a covering rule, a
    /// dataset's retention or access, the audit, a backup's copies) is Failing, listing those steps; a waived or uncovered safeguard
    /// keeps its status (a run cannot make it worse than declared) but still lists them.
    /// </summary>
    public CoverageReport WithRun(RunOutcome run)
    {
        var updated = Safeguards.Select(s =>
        {
            var steps = s.Evidence.Select(e => e.Step).OfType<RunStep>().Distinct().ToList();
            var failed = run.Failed.Where(f => steps.Contains(f.Step)).ToList();
            if (failed.Count == 0)
            {
                return s;
            }

            var status = s.Status is SafeguardStatus.Compliant or SafeguardStatus.Partial ? SafeguardStatus.Failing : s.Status;
            var rules = failed.Where(f => f.Step.Kind == RunStepKind.Rule).Select(f => f.Step.Name).ToList();
            return s with { Status = status, FailedSteps = failed, FailingRules = rules };
        }).ToList();
        return this with { Safeguards = updated, Run = run };
    }

    /// <summary>
    /// The safeguards the policy's one-word <see cref="Status"/> is judged over: those it requires, or every listed one when it
    /// requires none (a policy that claims nothing is judged on what it covers).
    /// </summary>
    public IReadOnlyList<SafeguardCoverage> Judged => JudgesRequired ? Safeguards.Where(s => s.Required).ToList() : Safeguards;

    /// <summary>True when <see cref="Judged"/> is the required safeguards; false when the policy requires none.</summary>
    public bool JudgesRequired => Safeguards.Any(s => s.Required);

    /// <summary>
    /// The policy's status in one word: the worst of <see cref="Judged"/>, worst first Failing, NotCovered, Partial, Waived,
    /// Compliant. Nothing to judge is NotCovered: a document with no safeguard claims no compliance.
    /// </summary>
    public SafeguardStatus Status => Judged.Count == 0 ? SafeguardStatus.NotCovered : Judged.MaxBy(s => Severity(s.Status))!.Status;

    private static int Severity(SafeguardStatus status) => status switch
    {
        SafeguardStatus.Compliant => 0,
        SafeguardStatus.Waived => 1,
        SafeguardStatus.Partial => 2,
        SafeguardStatus.NotCovered => 3,
        SafeguardStatus.Failing => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public SafeguardCoverage? Find(string id) => Safeguards.FirstOrDefault(s => s.Id == id);

    /// <summary>
    /// After a run: safeguards whose covering rules failed drop from Compliant to Partial, with the
    /// failing rules recorded (a waiver still stands). <paramref name="failedRules"/> are <c>dataset.rule</c> names.
    /// </summary>
    public CoverageReport WithFailedRules(IReadOnlyCollection<string> failedRules)
    {
        var updated = Safeguards.Select(s =>
        {
            var failing = s.CoveringRules.Where(failedRules.Contains).ToList();
            if (failing.Count == 0)
            {
                return s;
            }

            var status = s.Status == SafeguardStatus.Compliant ? SafeguardStatus.Partial : s.Status;
            return s with { Status = status, FailingRules = failing };
        }).ToList();
        return this with { Safeguards = updated };
    }
}
