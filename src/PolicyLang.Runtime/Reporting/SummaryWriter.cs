using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Reporting;

/// <summary>The terminal summary: one line per dataset, then failing rules with samples, access (with <c>--apply</c>), retention and controls.</summary>
public static class SummaryWriter
{
    /// <summary>Writes <paramref name="report"/> for humans.</summary>
    public static void Write(RunReport report, TextWriter w)
    {
        w.WriteLine($"policy {report.Policy}{(report.DryRun ? " (dry run)" : "")}");
        foreach (var d in report.Datasets)
        {
            var rules = report.Rules.Where(r => r.Dataset == d.Dataset).ToList();
            var broken = rules.Count(r => r.Status is RuleStatus.Failed or RuleStatus.Error);
            var warned = rules.Count(r => r.Status == RuleStatus.Warned);
            w.WriteLine($"  {d.Dataset,-24} {d.QueriesSummary,-22} rows {(d.Total is { } total ? Values.Count(total) : "-"),-10} failed {broken} warned {warned}");
            foreach (var e in d.Errors)
            {
                w.WriteLine($"    error: {e}");
            }

            foreach (var s in d.SchemaDrift)
            {
                w.WriteLine($"    schema: column '{s.Column}' {s.Finding}: declared {s.Declared}, actual {s.Actual}");
            }
        }

        var notable = report.Rules.Where(r => r.Status != RuleStatus.Passed || r.Note is not null).ToList();
        if (notable.Count > 0)
        {
            w.WriteLine("rules:");
        }

        foreach (var r in notable)
        {
            // A rule that could not be evaluated counted nothing: its line says why, not "0 of N rows".
            var outcome = r.Error is not null ? $"not evaluated — {r.Error}"
                : r.Expected is null ? $"{Values.Count(r.Violations)} of {Plural.Of(r.Total, "row")}" : MeasuredText.Of(r);
            w.WriteLine($"  {r.Status.ToString().ToLowerInvariant(),-7} {r.Dataset}.{r.Rule}: {outcome}{(r.Note is null ? "" : $" ({r.Note})")}");
            foreach (var s in r.Samples)
            {
                w.WriteLine("          " + string.Join(", ", s.Select(kv => $"{kv.Key}={kv.Value ?? "null"}")));
            }
        }

        foreach (var a in report.Access)
        {
            WriteAccess(a, w);
        }

        foreach (var n in report.NativeRetention)
        {
            WriteNativeRetention(n, w);
        }

        foreach (var r in report.Retention)
        {
            var stage = r.Stage is { } number ? $" stage {number} ({r.StageLabel})" : "";
            w.WriteLine($"retention {r.Dataset}{stage}: {RetentionOutcome(r, report.DryRun)} (cutoff {Values.Instant(r.Cutoff)}){(r.Error is null ? "" : $" — error: {r.Error}")}");
        }

        foreach (var b in report.Backups)
        {
            w.WriteLine($"backup {b.Backup}: {b.Status.ToString().ToLowerInvariant()}: {b.Detail}");
        }

        if (report.Controls.Count > 0)
        {
            w.WriteLine("controls: " + string.Join(", ", report.Controls.Select(c => $"{c.Id} {Label(c.Status)}")));
        }

        foreach (var e in report.Errors)
        {
            w.WriteLine($"error: {e}");
        }

        w.WriteLine($"exit code {report.ExitCode}");
    }

    private static string RetentionOutcome(RetentionResult r, bool dryRun)
    {
        if (r.ExpiredBatches is { } batches)
        {
            var kept = r.KeptIncomplete is > 0 ? $"; kept {Plural.Of(r.KeptIncomplete.Value, "incomplete batch", "incomplete batches")}" : "";
            return $"{(dryRun ? "would delete" : "deleted")} {Plural.Of(batches, "archived batch", "archived batches")} ({Plural.Of(r.ExpiredRows ?? 0, "row")}) from {r.ArchiveStore}{kept}";
        }

        return r.WouldProcess is { } n
            ? $"would {r.Action} {Plural.Of(n, "row")}"
            : $"archived {Values.Count(r.Archived)}, deleted {Values.Count(r.Deleted)}, anonymized {Values.Count(r.Anonymized)} in {Plural.Of(r.Batches, "batch")}";
    }

    private static void WriteAccess(AccessOutcome a, TextWriter w)
    {
        var what = a.Status switch
        {
            AccessStatus.Applied => $"applied: granted {a.Granted}, revoked {a.Revoked}{(a.MaskedView is null ? "" : $", rebuilt masked view {a.MaskedView}")}",
            AccessStatus.Planned => $"would run {Plural.Of(a.Statements.Count, "statement")} (dry run)",
            AccessStatus.Unchanged => "in line with the policy, nothing to apply",
            AccessStatus.NotApplied => $"NOT applied: {a.Note}",
            _ => $"error: {a.Error}",
        };
        w.WriteLine($"access {a.Dataset}: {what}");
        foreach (var sql in a.Statements)
        {
            w.WriteLine($"    {sql.ReplaceLineEndings(" ")}");
        }
    }

    private static void WriteNativeRetention(NativeRetentionOutcome n, TextWriter w)
    {
        var what = n.Status switch
        {
            AccessStatus.Applied => $"applied ({n.Finding}): {n.Declared}",
            AccessStatus.Planned => $"would run ({n.Finding}, dry run): {n.Declared}",
            AccessStatus.Unchanged => $"nothing to apply ({n.Finding}): {n.Declared}",
            AccessStatus.NotApplied => $"NOT applied: {n.Note}",
            _ => $"error: {n.Error}",
        };
        w.WriteLine($"retention index {n.Dataset}: {what}");
        if (n.Command is not null)
        {
            w.WriteLine($"    {n.Command}");
        }
    }

    private static string Label(ControlStatus s) => s switch
    {
        ControlStatus.NotCovered => "not covered",
        _ => s.ToString().ToLowerInvariant(),
    };
}
