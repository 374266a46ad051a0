using PolicyLang.Core.Binding.Model;

namespace PolicyLang.Core.Diagnostics;

/// <summary>Controls-stage diagnostics (CIS v8 coverage): GOV0400–GOV0499.</summary>
public static class ControlDiagnostics
{
    // Each example really produces its code (ControlDiagnosticsExampleTests); fragments without a
    // `policy` are compiled after DiagnosticExamples.Prelude, which declares the `research` store.

    public static readonly DiagnosticDescriptor UnknownSafeguard = new(
        "GOV0400",
        DiagnosticSeverity.Error,
        "Unknown CIS v8 safeguard",
        "A safeguard id in `require`, `evidence`, `waive` or a rule's `covers` is not in the CIS Controls v8.0 catalogue (153 safeguards, `1.1` to `18.5`). Safeguard ids are `<control>.<number>`; check the id against the CIS v8 list.",
        "controls cis-v8 { require 3.99 }");

    public static readonly DiagnosticDescriptor UncoveredSafeguard = new(
        "GOV0401",
        DiagnosticSeverity.Error,
        "Required safeguard not covered",
        "The policy requires a safeguard but no statement in it provides that safeguard (see the built-in coverage table in docs/controls-and-docs.md; the message names the statements that would), no rule `covers` it and no `evidence` is given. Add the statement that enforces it, or `waive` it with a reason and an end date.",
        "controls cis-v8 { require 3.4 }");

    public static readonly DiagnosticDescriptor PartiallyCoveredSafeguard = new(
        "GOV0402",
        DiagnosticSeverity.Warning,
        "Required safeguard only partially covered",
        "The statement that provides a required safeguard applies to some datasets, stores or backups but not all, so the safeguard is Partial. The message names those lacking the obligation. A safeguard with only `evidence` text (nothing enforcing it) is Partial too.",
        "dataset a in research table \"a\" { retain 30 days by created_at then delete }\ndataset b in research table \"b\" { }\ncontrols cis-v8 { require 3.4 }");

    public static readonly DiagnosticDescriptor ExpiredWaiver = new(
        "GOV0403",
        DiagnosticSeverity.Error,
        "Expired waiver",
        "A `waive` has an `until` date in the past, so it no longer excuses the safeguard. Cover the safeguard, or renew the waiver with a new reason and date.",
        "controls cis-v8 { waive 3.11 \"migration to encrypted volumes\" until 2020-01-01 }");

    public static readonly DiagnosticDescriptor PointlessWaiver = new(
        "GOV0404",
        DiagnosticSeverity.Warning,
        "Waiver of a covered safeguard",
        "The policy fully covers a safeguard that it also waives. The waiver excuses nothing; remove it so the document shows the safeguard as Compliant for the right reason.",
        "policy \"p\" { version \"1\" owner \"o\" review every 90 days }\ncontrols cis-v8 { waive 3.1 \"not yet\" until 2999-01-01 }");

    public static readonly DiagnosticDescriptor FrameworkWithoutMappings = new(
        "GOV0405",
        DiagnosticSeverity.Warning,
        "No CIS mapping data for framework",
        "CIS publishes mappings from v8 to NIST CSF 1.1, NIST SP 800-53 Rev 5 and ISO/IEC 27001:2022 only. For other frameworks (NIST CSF 2.0, NIST SP 800-171) the documentation lists no cross-references rather than inventing them.",
        "policy \"p\" { version \"1\" owner \"o\" review every 90 days frameworks cis-v8, nist-csf-2.0 }");

    public static readonly DiagnosticDescriptor EvidenceForUnclaimedSafeguard = new(
        "GOV0406",
        DiagnosticSeverity.Warning,
        "Evidence for a safeguard that is neither required nor covered",
        "`evidence` text is attached to a safeguard that the policy neither requires nor covers with any statement. Add the safeguard to `require` if the policy claims it, or remove the evidence.",
        "controls cis-v8 { evidence 4.1 \"Hardened images\" }");

    public static readonly DiagnosticDescriptor CapabilityLacking = new(
        "GOV0407",
        DiagnosticSeverity.Warning,
        "Evidence relies on a capability the store lacks",
        "A required safeguard is only Partial because the statements covering it rely on a capability their store lacks, so the claim is not enforced. A statement is evidence for a safeguard only where its store can enforce it (the store capabilities table, docs/controls-and-docs.md#store-capabilities): grants on a duckdb, mongodb, s3 or folder store are neither applied nor drift-checked; an `offsite` folder or duckdb file is on the same machine, and a database with the same connection is not isolated; an s3 store cannot hold the audit trail. The warning is at each such statement; the document gives the reason, also for safeguards the policy does not require. (When something else is lacking too, GOV0402 at the `require` names both.) Move the data or the copy to a store that can, or accept the gap with a `waive` that says why.",
        "store local duckdb { file \"lab.duckdb\" }\ndataset obs in local table \"obs\" { grant read to analyst }\ncontrols cis-v8 { require 3.3 }");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        UnknownSafeguard, UncoveredSafeguard, PartiallyCoveredSafeguard, ExpiredWaiver, PointlessWaiver, FrameworkWithoutMappings, EvidenceForUnclaimedSafeguard,
        CapabilityLacking,
    ];

    internal static Diagnostic At(DiagnosticDescriptor descriptor, SourceLocation location, string message, string? help = null) =>
        new(descriptor, message, location.File, location.Span, help);
}
