using PolicyLang.Core.Binding;
using PolicyLang.Core.Binding.Model;

namespace PolicyLang.Core.Controls;

/// <summary>
/// The built-in coverage table (docs/controls-and-docs.md#built-in-coverage) as data: one <see cref="CoverageRow"/> per row, in the
/// table's order. A rule's <c>covers</c> (the last row) is per rule, so <see cref="CoverageAnalyzer"/> handles it.
/// Keep this file and the table in step: the design note lists both.
/// </summary>
public static class CoverageRules
{
    public static IReadOnlyList<CoverageRow> All { get; } =
    [
        new("`policy` with owner, version and review period",
        [
            new("3.1", "policy declares owner, version and review period", "an owner, version or review period", PolicyHeader),
        ]),
        new("every dataset has owner and classification",
        [
            new("3.2", "every dataset has an owner and a classification", "an owner or a classification", p => CoverageFinding.Every(
                p.Datasets,
                d => d.Owner is not null && d.Classification is not null ? new EvidenceItem($"dataset {d.Name}: owner \"{d.Owner}\", classification {d.Classification.Name}", d.Declaration) : null,
                d => d.Name)),
        ]),
        new("`classification` declared and every dataset classified",
        [
            new("3.7", "classification levels declared and every dataset classified", "a classification", Classification),
        ]),
        new("`grant` on every dataset, and the runner's grant-drift check",
        [
            new("3.3", "every dataset has grants (checked for drift by the runner)", "a `grant`", Grants),
            // A pending or rejected review is not an access-granting process that has been agreed.
            new("6.1", "every dataset has grants and the policy has an approved approval", "a `grant`", p => p.Approvals.All(a => a.Status != ApprovalStatus.Approved)
                ? CoverageFinding.None
                : With(Grants(p), p.Approvals.Where(a => a.Status == ApprovalStatus.Approved).Select(a => new EvidenceItem($"approval \"{a.Reviewer}\" approved on {Docs.ComplianceDocument.Date(a.Date)}", a.Location)))),
        ]),
        new("`retain` on every dataset",
        [
            new("3.4", "every dataset has a retention window", "a `retain`", p => CoverageFinding.Every(
                p.Datasets,
                d => d.Retention is { } r ? new EvidenceItem($"{d.Name}: {PolicyText.Lifecycle(d)}", r.Location) { Step = RunStep.Retention(d.Name) } : null,
                d => d.Name)),
        ]),
        new("`retain ... then delete`",
        [
            new("3.5", "every dataset is deleted at the end of its retention", "`retain ... then delete`", p => CoverageFinding.Every(
                p.Datasets,
                d => d.Lifecycle.FirstOrDefault(s => s.DeletesRows) is { } r ? new EvidenceItem($"{d.Name}: {PolicyText.Retention(r)}", r.Location) { Step = RunStep.Retention(d.Name) } : null,
                d => d.Name)),
        ]),
        new("`archive to` flows",
        [
            new("3.8", "archive flows between stores are declared", "an `archive to` flow", ArchiveFlows),
        ]),
        new("`tls required` on every store",
        [
            new("3.10", "every store with a TLS setting (postgres, mongodb) requires TLS", "`tls required`", p => CoverageFinding.Every(
                p.Stores.Where(s => s.Kind is StoreKind.Postgres or StoreKind.MongoDb).ToList(),
                s => s.Settings.TryGetValue("tls", out var tls) && tls.Literal == "required" ? new EvidenceItem($"store {s.Name}: tls required", tls.Location) : null,
                s => s.Name)),
        ]),
        new("`encryption` on every store holding confidential or higher data",
        [
            new("3.11", "every store holding confidential or higher data is encrypted", "`encryption`", EncryptionAtRest),
        ]),
        new("`audit`",
        [
            new("8.2", "an audit log records every enforcement action (in a store that can hold it)", "an `audit`", p => Audit(p, a => true, AuditText)),
            new("8.3", "the audit log has a retention period", "an audit `retain`", p => Audit(p, a => a.Retain is not null, a => $"audit retain {a.Retain}")),
            new("3.14", "an audit log exists and datasets declare their pii columns", "an `audit`", SensitiveAccessLog),
        ]),
        new("`backup` with a schedule",
        [
            new("11.2", "backups run on a schedule", "a schedule", p => Backups(p, b => true, b => PolicyText.ScheduleSummary(b.Schedules), b => b.Schedules[0].Location)),
            new("11.3", "scheduled backups are encrypted", "`encryption`", p => Backups(p, b => b.Encryption is not null, b => $"encryption {b.Encryption}")),
            new("11.4", "scheduled backups are copied offsite, to a remote store (s3, or a database with another connection)", "`offsite`", p => Backups(p, b => b.Offsite is not null, b => $"offsite {b.Offsite!.Name} ({b.Offsite.KindName})").WithGaps(OffsiteGaps(p))),
            new("11.5", "backup restores are tested periodically", "`restore-test`", p => Backups(p, b => b.RestoreTestEvery is not null, b => $"restore-test every {PolicyText.Period(b.RestoreTestEvery!.Value)}")),
            new("11.1", "scheduled backups are encrypted, offsite and restore-tested", "`encryption`, `offsite` or `restore-test`", p => Backups(
                p, b => b.Encryption is not null && b.Offsite is not null && b.RestoreTestEvery is not null, b => "schedule, encryption, offsite and restore-test").WithGaps(OffsiteGaps(p))),
        ]),
    ];

    /// <summary>
    /// The table as docs/controls-and-docs.md shows it (a test keeps the page equal to this data): statement, safeguard, and
    /// the condition under which the statement covers it. A rule's <c>covers</c> is the last row.
    /// </summary>
    public static string RenderMarkdown()
    {
        var lines = new List<string> { "| statement | CIS v8 safeguard | covered when |", "|---|---|---|" };
        foreach (var row in All)
        {
            lines.AddRange(row.Entries.Select(e => $"| {row.Statement} | {e.SafeguardId} | {e.Condition} |"));
        }

        lines.Add("| a rule's `covers <ids>` | the safeguards it names | the rule is declared (a run that finds it failing shows the safeguard as failing) |");
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>
    /// The declarations that would cover <paramref name="safeguardId"/>, for GOV0401: each built-in statement with its
    /// condition, or null when no statement covers it (only a rule's <c>covers</c>, <c>evidence</c> or a waiver can).
    /// </summary>
    public static string? Declarations(string safeguardId)
    {
        var ways = All.SelectMany(r => r.Entries.Where(e => e.SafeguardId == safeguardId).Select(e => $"{r.Statement} ({e.Condition})")).ToList();
        return ways.Count == 0 ? null : string.Join("; or ", ways);
    }

    /// <summary>Every safeguard id that a built-in row can cover.</summary>
    public static IEnumerable<string> SafeguardIds => All.SelectMany(r => r.Entries).Select(e => e.SafeguardId);

    private static CoverageFinding PolicyHeader(BoundPolicy p)
    {
        if (p.Header is not { Owner: not null, Version: not null, ReviewEvery: { } review } h)
        {
            return CoverageFinding.None;
        }

        return new(CoverageState.Covered, [new($"policy \"{h.Title}\": version {h.Version}, owner {h.Owner}, review every {review}", h.Location)], []);
    }

    private static CoverageFinding Classification(BoundPolicy p)
    {
        if (p.Classification.Count == 0)
        {
            return CoverageFinding.None;
        }

        var levels = new EvidenceItem($"classification {string.Join(" < ", p.Classification.Select(c => c.Name))}", p.Classification[0].Location);
        var datasets = CoverageFinding.Every(
            p.Datasets,
            d => d.Classification is { } c ? new EvidenceItem($"dataset {d.Name}: classification {c.Name}", d.Declaration) : null,
            d => d.Name);
        return datasets with { Evidence = [levels, .. datasets.Evidence] };
    }

    private static CoverageFinding Grants(BoundPolicy p) => CoverageFinding.Every(
        p.Datasets,
        d => d.Grants.Count == 0 ? null : new EvidenceItem(
            $"{d.Name}: {string.Join("; ", d.Grants.Select(g => g.Privilege).Distinct().Select(priv => PolicyText.Grant(d, priv)))}",
            d.Grants[0].Location) { Step = RunStep.Access(d.Name) },
        d => d.Name).WithGaps([.. p.Datasets
            .Where(d => d.Grants.Count > 0 && !StoreCapabilities.Has(d.Store, StoreCapability.EnforcedGrants))
            .Select(d => new CapabilityGap(d.Name, StoreCapability.EnforcedGrants, StoreCapabilities.Lacks(d.Store, StoreCapability.EnforcedGrants), d.Grants[0].Location))]);

    // 11.x isolation: an offsite copy on the same machine (duckdb, folder) or in the same database as what it backs up is not offsite.
    private static IReadOnlyList<CapabilityGap> OffsiteGaps(BoundPolicy p) =>
    [
        .. p.Backups
            .Where(b => b.Schedules.Count > 0 && b.Offsite is not null)
            .Select(b => (Backup: b, Reason: StoreCapabilities.NotIsolated(b.Offsite!, b.Covers)))
            .Where(x => x.Reason is not null)
            .Select(x => new CapabilityGap(x.Backup.Name, StoreCapability.RemoteLocation, $"offsite is local: {x.Reason}", x.Backup.OffsiteLocation ?? x.Backup.Location)),
    ];

    private static CoverageFinding With(CoverageFinding finding, IEnumerable<EvidenceItem> more) =>
        finding.State == CoverageState.NotCovered ? finding : finding with { Evidence = [.. finding.Evidence, .. more] };

    private static CoverageFinding ArchiveFlows(BoundPolicy p)
    {
        var flows = p.Datasets
            .SelectMany(d => d.Lifecycle.Where(r => r.ArchiveStore is not null)
                .Select(r => new EvidenceItem($"{d.Name} ({d.Store.Name}) -> {r.ArchiveStore!.Name}: {PolicyText.Retention(r)}", r.Location) { Step = RunStep.Retention(d.Name) }))
            .ToList();
        return flows.Count == 0 ? CoverageFinding.None : new(CoverageState.Covered, flows, []);
    }

    // "Confidential or higher": the level named confidential and every level above it; a scheme
    // without that name treats only its most sensitive level as needing encryption.
    private static CoverageFinding EncryptionAtRest(BoundPolicy p)
    {
        var sensitive = p.Datasets.Where(d => SensitiveLevels.IsConfidential(p, d)).ToList();
        var stores = sensitive.Select(d => d.Store).DistinctBy(s => s.Name).ToList();
        return CoverageFinding.Every(
            stores,
            s => s.Settings.TryGetValue("encryption", out var e)
                ? new EvidenceItem($"store {s.Name}: encryption {PolicyText.Setting(e)}{(s.Kind == StoreKind.S3 ? "" : ", declared (at rest, by the platform)")} (holds {HeldBy(sensitive, s)})", e.Location)
                : null,
            s => StoreCapabilities.Has(s, StoreCapability.EncryptionAtRest)
                ? $"{s.Name} (holds {HeldBy(sensitive, s)})"
                : $"{s.Name} (holds {HeldBy(sensitive, s)}; {StoreCapabilities.Lacks(s, StoreCapability.EncryptionAtRest)})");
    }

    private static string HeldBy(IEnumerable<DatasetSymbol> datasets, StoreSymbol store) =>
        string.Join(", ", datasets.Where(d => d.Store.Name == store.Name).Select(d => d.Name));

    private static CoverageFinding Audit(BoundPolicy p, Func<AuditSymbol, bool> has, Func<AuditSymbol, string> text) =>
        p.Audit is { } a && has(a) ? new CoverageFinding(CoverageState.Covered, [new(text(a), a.Location) { Step = RunStep.Audit }], []).WithGaps(AuditGaps(a)) : CoverageFinding.None;

    private static IReadOnlyList<CapabilityGap> AuditGaps(AuditSymbol a) =>
        a.Store is { } s && !StoreCapabilities.Has(s, StoreCapability.TamperEvidentAudit)
            ? [new CapabilityGap("audit", StoreCapability.TamperEvidentAudit, StoreCapabilities.Lacks(s, StoreCapability.TamperEvidentAudit), a.Location)]
            : [];

    private static string AuditText(AuditSymbol a) =>
        $"audit in {a.Store?.Name ?? "?"} {a.Table}{(a.TamperEvident ? ", tamper-evident" : string.Empty)}";

    private static CoverageFinding SensitiveAccessLog(BoundPolicy p)
    {
        var pii = p.Datasets.SelectMany(d => d.Columns.Where(c => c.Pii).Select(c => new EvidenceItem($"{d.Name}.{c.Name} pii", c.Location))).ToList();
        return p.Audit is { } a && pii.Count > 0
            ? new CoverageFinding(CoverageState.Covered, [new(AuditText(a), a.Location) { Step = RunStep.Audit }, .. pii], []).WithGaps(AuditGaps(a))
            : CoverageFinding.None;
    }

    // Evidence points at the backup declaration unless a more precise line is known (schedules carry their own).
    private static CoverageFinding Backups(BoundPolicy p, Func<BackupSymbol, bool> has, Func<BackupSymbol, string> text, Func<BackupSymbol, SourceLocation>? at = null) => CoverageFinding.Every(
        p.Backups.Where(b => b.Schedules.Count > 0).ToList(),
        b => has(b) ? new EvidenceItem($"backup {b.Name}: {text(b)}", at?.Invoke(b) ?? b.Location) { Step = RunStep.Backup(b.Name) } : null,
        b => b.Name);
}
