using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;

namespace PolicyLang.Core.Controls;

/// <summary>
/// Stage after binding: derives each CIS v8 safeguard's status from the statements that cover it
/// (<see cref="CoverageRules"/>, rules' <c>covers</c>, <c>evidence</c>, <c>waive</c>) and reports
/// GOV04xx diagnostics. Pure: the same policy and date give the same report.
/// </summary>
public static class CoverageAnalyzer
{
    public static (CoverageReport Report, IReadOnlyList<Diagnostic> Diagnostics) Analyze(BoundPolicy policy, DateOnly today) =>
        Analyze(policy, today, CisCatalog.Default);

    internal static (CoverageReport Report, IReadOnlyList<Diagnostic> Diagnostics) Analyze(BoundPolicy policy, DateOnly today, CisCatalog catalog)
    {
        var diagnostics = new List<Diagnostic>();
        var controls = policy.Controls;
        var required = CheckIds(controls?.Required ?? [], r => (r.Id, r.Location), catalog, diagnostics);
        var evidence = CheckIds(controls?.Evidence ?? [], e => (e.SafeguardId, e.Location), catalog, diagnostics);
        var waivers = CheckIds(controls?.Waivers ?? [], w => (w.SafeguardId, w.Location), catalog, diagnostics);
        var rules = policy.Datasets
            .SelectMany(d => d.Rules.SelectMany(r => r.Covers.Select(c => (Dataset: d, Rule: r, Ref: c))))
            .ToList();
        var ruleCovers = CheckIds(rules, x => (x.Ref.Id, x.Ref.Location), catalog, diagnostics);

        // Every built-in entry is evaluated; only safeguards with something to say reach the report.
        var findings = CoverageRules.All
            .SelectMany(row => row.Entries)
            .Select(e => (Entry: e, Finding: e.Evaluate(policy)))
            .Where(x => x.Finding.State != CoverageState.NotCovered)
            .ToLookup(x => x.Entry.SafeguardId);

        var ids = required.Select(r => r.Id)
            .Concat(findings.Select(g => g.Key))
            .Concat(evidence.Select(e => e.SafeguardId))
            .Concat(waivers.Select(w => w.SafeguardId))
            .Concat(ruleCovers.Select(x => x.Ref.Id))
            .Distinct()
            .Order(Comparer<string>.Create(CisCatalog.CompareIds))
            .ToList();

        var frameworks = policy.Header?.Frameworks ?? [];
        var mapped = frameworks.Where(f => Frameworks.HasMappingData(f.Id)).Select(f => f.Id).Distinct().ToList();
        var unmapped = frameworks.Where(f => f.Id != Frameworks.CisV8 && !Frameworks.HasMappingData(f.Id)).ToList();
        foreach (var f in unmapped)
        {
            diagnostics.Add(ControlDiagnostics.At(
                ControlDiagnostics.FrameworkWithoutMappings,
                f.Location,
                $"no CIS v8 mapping data for framework `{f.Id}`; the documentation lists no cross-references to it",
                "CIS publishes mappings to nist-csf-1.1, nist-800-53r5 and iso-27001-2022"));
        }

        var safeguards = new List<SafeguardCoverage>();
        foreach (var id in ids)
        {
            var safeguard = catalog.Find(id)!;
            var builtIn = findings[id].ToList();
            var byRules = ruleCovers.Where(x => x.Ref.Id == id).ToList();
            var texts = evidence.Where(e => e.SafeguardId == id).ToList();
            var requiredAt = required.FirstOrDefault(r => r.Id == id)?.Location;

            // Best statement wins: one entry covering fully makes the safeguard compliant.
            var covered = builtIn.Any(x => x.Finding.State == CoverageState.Covered) || byRules.Count > 0;
            var partial = !covered && builtIn.Any(x => x.Finding.State == CoverageState.Partial);
            var lacking = covered ? [] : builtIn.SelectMany(x => x.Finding.Lacking).Distinct().ToList();
            var gaps = covered ? [] : builtIn.SelectMany(x => x.Finding.Gaps).Distinct().ToList();
            var evidenceItems = builtIn.SelectMany(x => x.Finding.Evidence)
                .Concat(byRules.Select(x => new EvidenceItem($"rule {x.Dataset.Name}.{x.Rule.Name}: expect {x.Rule.Describe()}", x.Rule.Location)
                {
                    Step = RunStep.Rule(x.Dataset.Name, x.Rule.Name),
                }))
                .Concat(texts.Select(e => new EvidenceItem(e.Text, e.Location)))
                .ToList();

            var status = covered ? SafeguardStatus.Compliant
                : partial || texts.Count > 0 ? SafeguardStatus.Partial
                : SafeguardStatus.NotCovered;

            var waiver = waivers.FirstOrDefault(w => w.SafeguardId == id);
            var activeWaiver = waiver;
            if (waiver is not null && waiver.Until < today)
            {
                diagnostics.Add(ControlDiagnostics.At(
                    ControlDiagnostics.ExpiredWaiver,
                    waiver.Location,
                    $"the waiver of CIS v8 safeguard `{id}` expired on {Docs.ComplianceDocument.Date(waiver.Until)}",
                    "cover the safeguard, or renew the waiver with a later `until` date"));
                activeWaiver = null;
            }
            else if (waiver is not null && covered)
            {
                diagnostics.Add(ControlDiagnostics.At(
                    ControlDiagnostics.PointlessWaiver,
                    waiver.Location,
                    $"CIS v8 safeguard `{id}` is waived but the policy already covers it; remove the waiver"));
                activeWaiver = null;
            }
            else if (waiver is not null)
            {
                status = SafeguardStatus.Waived;
            }

            var unparsedMayChangeIt = UnparsedCoverage.MayChange(policy, id);
            // A claim defeated only by what its stores cannot do is GOV0407 at the statements; anything else lacking is GOV0402.
            var onlyGaps = status == SafeguardStatus.Partial && partial && gaps.Count > 0 && lacking.All(l => gaps.Any(g => g.Lacking == l));
            if (requiredAt is not null && activeWaiver is null && !unparsedMayChangeIt && !onlyGaps)
            {
                ReportRequired(id, safeguard.Title, status, partial, lacking, gaps, builtIn.Select(x => x.Entry).ToList(), requiredAt, diagnostics);
            }

            if (requiredAt is null && !covered && !partial && byRules.Count == 0 && waiver is null && !unparsedMayChangeIt)
            {
                foreach (var e in texts)
                {
                    diagnostics.Add(ControlDiagnostics.At(
                        ControlDiagnostics.EvidenceForUnclaimedSafeguard,
                        e.Location,
                        $"evidence for CIS v8 safeguard `{id}`, which the policy neither requires nor covers",
                        $"add `{id}` to `require` if the policy claims it"));
                }
            }

            var crossReferences = mapped
                .SelectMany(f => catalog.MappingsFor(id, Frameworks.MappingName(f)!)
                    .Select(m => new CrossReference(f, Frameworks.DisplayName(f), m.TargetId, m.Relationship)))
                .Distinct() // CIS's workbooks repeat some rows (3.2 -> PM-5(1) three times); one is enough in a document.
                .ToList();
            safeguards.Add(new SafeguardCoverage(
                id,
                safeguard.Title,
                status,
                requiredAt is not null,
                requiredAt,
                evidenceItems,
                lacking,
                byRules.Select(x => $"{x.Dataset.Name}.{x.Rule.Name}").Distinct().ToList(),
                activeWaiver,
                crossReferences)
            {
                ExpiredWaiver = waiver is not null && waiver.Until < today ? waiver : null,
                Gaps = gaps,
            });
        }

        ReportCapabilityGaps(safeguards.Where(s => s.Required && s.Status == SafeguardStatus.Partial && s.Gaps.Count > 0
            && s.Lacking.All(l => s.Gaps.Any(g => g.Lacking == l)) && !UnparsedCoverage.MayChange(policy, s.Id)).ToList(), diagnostics);

        var report = new CoverageReport(safeguards, mapped, unmapped.Select(f => f.Id).Distinct().ToList());
        // Source order reads best in build output; OrderBy is stable, so ties keep analysis order.
        var ordered = diagnostics.OrderBy(d => d.File.Path, StringComparer.Ordinal).ThenBy(d => d.Span.Start).ToList();
        return (report, ordered);
    }

    private static void ReportRequired(
        string id,
        string title,
        SafeguardStatus status,
        bool partial,
        IReadOnlyList<string> lacking,
        IReadOnlyList<CapabilityGap> gaps,
        IReadOnlyList<CoverageEntry> entries,
        SourceLocation at,
        List<Diagnostic> diagnostics)
    {
        if (status == SafeguardStatus.NotCovered)
        {
            var how = CoverageRules.Declarations(id) is { } declarations
                ? $"declare {declarations}, or name it in a rule's `covers {id}`"
                : $"no built-in statement covers it: name it in a rule's `covers {id}` or give `evidence {id} \"...\"`";
            diagnostics.Add(ControlDiagnostics.At(
                ControlDiagnostics.UncoveredSafeguard,
                at,
                $"required CIS v8 safeguard `{id}` ({title}) is not covered by any statement in the policy; {how}, "
                    + "or `waive` it with a reason and a date (built-in coverage: docs/controls-and-docs.md)"));
        }
        else if (status == SafeguardStatus.Partial)
        {
            var plain = lacking.Where(l => gaps.All(g => g.Lacking != l)).ToList();
            var notEnforced = gaps.Count == 0 ? string.Empty : $"{(plain.Count == 0 ? string.Empty : "; ")}not enforced: {string.Join("; ", gaps.Select(g => $"`{g.Item}` ({g.Reason})"))}";
            var message = partial && lacking.Count > 0
                ? $"required CIS v8 safeguard `{id}` ({title}) is only partially covered: "
                    + (plain.Count == 0 ? string.Empty : $"{string.Join(", ", plain.Select(l => $"`{l}`"))} lack{(plain.Count == 1 ? "s" : string.Empty)} {string.Join(" or ", entries.Select(e => e.Obligation).Distinct())}")
                    + notEnforced
                : $"required CIS v8 safeguard `{id}` ({title}) is only attested by `evidence` text; nothing in the policy enforces it";
            diagnostics.Add(ControlDiagnostics.At(ControlDiagnostics.PartiallyCoveredSafeguard, at, message));
        }
    }

    // GOV0407 once per statement and capability, naming every required safeguard it alone leaves Partial.
    private static void ReportCapabilityGaps(IReadOnlyList<SafeguardCoverage> safeguards, List<Diagnostic> diagnostics)
    {
        var gaps = safeguards
            .SelectMany(s => s.Gaps.Select(g => (Safeguard: s.Id, Gap: g)))
            .GroupBy(x => (x.Gap.At, x.Gap.Capability, x.Gap.Reason));
        foreach (var gap in gaps)
        {
            var ids = gap.Select(x => $"`{x.Safeguard}`").Distinct().ToList();
            diagnostics.Add(ControlDiagnostics.At(
                ControlDiagnostics.CapabilityLacking,
                gap.Key.At,
                $"{gap.Key.Reason}, so required CIS v8 safeguard{(ids.Count == 1 ? string.Empty : "s")} {string.Join(", ", ids)} {(ids.Count == 1 ? "is" : "are")} only Partial",
                $"the document shows the reason; use a store that can ({StoreCapabilities.Name(gap.Key.Capability)}), or `waive` the safeguard with a reason and a date"));
        }
    }

    // Unknown ids are reported once per occurrence and left out of the analysis.
    private static List<T> CheckIds<T>(IEnumerable<T> items, Func<T, (string Id, SourceLocation Location)> id, CisCatalog catalog, List<Diagnostic> diagnostics)
    {
        var known = new List<T>();
        foreach (var item in items)
        {
            var (value, location) = id(item);
            if (catalog.Contains(value))
            {
                known.Add(item);
                continue;
            }

            diagnostics.Add(ControlDiagnostics.At(
                ControlDiagnostics.UnknownSafeguard,
                location,
                $"unknown CIS v8 safeguard `{value}`{Suggestions.Hint(value, catalog.Safeguards.Select(s => s.Id))}"));
        }

        return known;
    }
}
