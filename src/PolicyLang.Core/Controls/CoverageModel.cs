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
}

/// <summary>
/// The outcome of one coverage entry on one policy. <see cref="Lacking"/> names the datasets,
/// stores or backups that miss the obligation when the state is <see cref="CoverageState.Partial"/>.
/// </summary>
public sealed record CoverageFinding(CoverageState State, IReadOnlyList<EvidenceItem> Evidence, IReadOnlyList<string> Lacking)
{
    public static CoverageFinding None { get; } = new(CoverageState.NotCovered, [], []);

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
