using System.Text;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Controls;
using static PolicyLang.Core.Docs.MarkdownTable;

namespace PolicyLang.Core.Docs;

/// <summary>The assurance sections: CIS mapping, audit, backup and recovery, approvals, change log.</summary>
internal static class ControlSections
{
    public static void CisMapping(StringBuilder sb, CoverageReport coverage, DocumentOptions options)
    {
        sb.Append("## 5. CIS Controls v8 Mapping\n\n");
        sb.Append("Each status is derived from the statements of the policy that cover the safeguard; evidence gives the `file:line` of each.\n\n");
        if (coverage.Safeguards.Count == 0)
        {
            sb.Append("The policy neither requires nor covers any CIS v8 safeguard.\n\n");
        }
        else
        {
            var table = new MarkdownTable("CIS Control", "Title", "Required", "Implementation Status", "Evidence Location", "Assessment");
            foreach (var s in coverage.Safeguards)
            {
                table.Row($"**CIS.{s.Id}**", s.Title, s.Required ? "yes" : "no", StatusCell(s), Lines(s.Evidence.Select(Evidence)), options.Assessment);
            }

            table.WriteTo(sb);
        }

        CrossReferences(sb, coverage);
        sb.Append("> ").Append(CisCatalog.Attribution).Append("\n\n");
    }

    public static void Audit(StringBuilder sb, BoundPolicy p)
    {
        sb.Append("## 6. Audit\n\n");
        if (p.Audit is not { } a)
        {
            sb.Append("**No audit log is declared**: enforcement actions are not recorded.\n\n");
            return;
        }

        sb.Append(EnforcementText.CanHoldAudit(a.Store)
            ? "Every enforcement action (checks, retention, grant changes) appends a record to the audit log.\n\n"
            : $"**The runner cannot write this audit log**: {EnforcementText.Audit(a.Store!)}.\n\n");
        new MarkdownTable("Store", "Table", "Retention", "Tamper-evident", "Source")
            .Row(
                a.Store is { } s ? $"{s.Name} ({s.KindName}): {EnforcementText.Audit(s)}" : null,
                a.Table,
                a.Retain?.ToString(),
                a.TamperEvident && EnforcementText.CanHoldAudit(a.Store) ? "yes (hash chain, checked by `policyc audit verify`)" : "no",
                Code(a.Location.ToString()))
            .WriteTo(sb);
    }

    public static void Backups(StringBuilder sb, BoundPolicy p)
    {
        sb.Append("## 7. Backup and Recovery\n\n");
        if (p.Backups.Count == 0)
        {
            sb.Append("**No backup is declared.**\n\n");
            return;
        }

        var table = new MarkdownTable("Backup", "Covers", "Backup Solution", "Schedule", "Retention", "Offsite Strategy", "Encryption", "Restore Test", "Copies Checked", "Source");
        foreach (var b in p.Backups)
        {
            table.Row(
                $"**{b.Name}**",
                string.Join(", ", b.Covers.Select(s => $"{s.Name} ({s.KindName})")),
                b.Tool,
                b.Schedules.Count == 0 ? "**no schedule**" : PolicyText.ScheduleSummary(b.Schedules),
                b.Retain?.ToString(),
                EnforcementText.Offsite(b),
                ComplianceDocument.Encryption(b.Encryption, b.EncryptionKey),
                b.RestoreTestEvery is { } t ? PolicyText.Adverb(t) : "**not scheduled**",
                EnforcementText.Copies(b),
                Code(b.Location.ToString()));
        }

        table.WriteTo(sb);
    }

    public static void Approvals(StringBuilder sb, BoundPolicy p)
    {
        sb.Append("## 8. Approval Matrix\n\n");
        var table = new MarkdownTable("Reviewer", "Role/Expertise", "Review Date", "Approval Status", "Comments");
        foreach (var a in p.Approvals)
        {
            table.Row($"**{a.Reviewer}**", a.Role, ComplianceDocument.Date(a.Date), $"**{ComplianceDocument.Approval(a.Status)}**", a.Comment);
        }

        table.WriteTo(sb, "No approvals are recorded.");
    }

    public static void ChangeLog(StringBuilder sb, BoundPolicy p)
    {
        sb.Append("## 9. Change Log\n\n");
        var table = new MarkdownTable("Version", "Date", "Changes", "Author", "Review Status");
        foreach (var c in p.Changes)
        {
            table.Row(c.Version, ComplianceDocument.Date(c.Date), c.Description, c.Author, ComplianceDocument.ReviewOf(p, c) is { } review ? $"**{ComplianceDocument.Review(review)}**" : null);
        }

        table.WriteTo(sb, "No changes are recorded.");
        if (p.Changes.Count > 0)
        {
            sb.Append("The review status of the policy's current version is that of the approval matrix: approved when every reviewer approved.\n\n");
        }
    }

    private static void CrossReferences(StringBuilder sb, CoverageReport coverage)
    {
        sb.Append("### 5.1 Framework Cross-References\n\n");
        if (coverage.MappedFrameworks.Count > 0 && coverage.Safeguards.Count > 0)
        {
            sb.Append("From CIS's own mappings of v8 safeguards (relationship in parentheses).\n\n");
            var headers = new[] { "CIS Control" }.Concat(coverage.MappedFrameworks.Select(Frameworks.DisplayName)).ToArray();
            var table = new MarkdownTable(headers);
            foreach (var s in coverage.Safeguards)
            {
                var cells = coverage.MappedFrameworks.Select(f =>
                {
                    var targets = s.CrossReferences.Where(r => r.FrameworkId == f).Select(r => $"{r.TargetId} ({r.Relationship})").ToList();
                    return targets.Count == 0 ? "no mapping" : string.Join(", ", targets);
                });
                table.Row([$"**CIS.{s.Id}**", .. cells]);
            }

            table.WriteTo(sb);
        }
        else
        {
            sb.Append("The policy names no framework that CIS maps v8 to.\n\n");
        }

        foreach (var f in coverage.UnmappedFrameworks)
        {
            sb.Append("- **").Append(Frameworks.DisplayName(f)).Append("**: no CIS mapping data is available, so no cross-references are listed.\n");
        }

        if (coverage.UnmappedFrameworks.Count > 0)
        {
            sb.Append('\n');
        }
    }

    private static string StatusCell(SafeguardCoverage s)
    {
        var status = $"**{ComplianceDocument.Status(s.Status)}**";
        if (s.Waiver is { } w)
        {
            status += $" until {ComplianceDocument.Date(w.Until)}: {w.Reason} ({Code(w.Location.ToString())})";
        }

        if (s.Lacking.Count > 0)
        {
            status += $" (lacking: {string.Join(", ", s.Lacking)})";
        }

        if (s.FailedSteps.Count > 0)
        {
            status += $" (failed in the run: {string.Join("; ", s.FailedSteps)})";
        }
        else if (s.FailingRules.Count > 0)
        {
            status += $" (failing: {string.Join(", ", s.FailingRules)})";
        }

        if (s.ExpiredWaiver is { } expired)
        {
            status += $" (waiver expired on {ComplianceDocument.Date(expired.Until)}: {expired.Reason} ({Code(expired.Location.ToString())}))";
        }

        return status;
    }

    private static string Evidence(EvidenceItem e) => $"{Code(e.Location.ToString())} {e.Text}";
}
