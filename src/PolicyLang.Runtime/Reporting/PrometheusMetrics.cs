using System.Globalization;
using System.Text;

namespace PolicyLang.Runtime.Reporting;

/// <summary>
/// The run as Prometheus metrics in the text exposition format (<c>policyc run --metrics</c> and <c>--push</c>). Every series
/// carries the policy's identity as <c>policy</c>; dataset, rule and step series add <c>dataset</c>, <c>rule</c>, <c>severity</c>,
/// <c>action</c> or <c>step</c>. All are gauges describing the last run. See docs/operations.md, "Metrics".
/// </summary>
public static class PrometheusMetrics
{
    /// <summary>The series that says when the policy last ran successfully; kept across failed runs (see <see cref="Write"/>).</summary>
    public const string LastSuccess = "policylang_run_last_success_timestamp_seconds";

    /// <summary>
    /// The metrics of <paramref name="report"/>. <paramref name="lastSuccess"/> is written as <see cref="LastSuccess"/>: the end of
    /// this run when it succeeded (<see cref="RunReport.Succeeded"/>), otherwise the value an earlier run left (null: the series is
    /// omitted, so a Pushgateway keeps the one it has).
    /// </summary>
    public static string Write(RunReport report, DateTimeOffset? lastSuccess)
    {
        var text = new Exposition(report.Policy);
        var rules = report.Rules;
        text.Family("policylang_rule_violations", "Rows violating the rule in the last run.",
            rules.Select(r => (Labels(("dataset", r.Dataset), ("rule", r.Rule), ("severity", Lower(r.Severity))), (double)r.Violations)));
        text.Family("policylang_rule_rows_checked", "Rows the rule considered in the last run.",
            rules.Select(r => (Labels(("dataset", r.Dataset), ("rule", r.Rule), ("severity", Lower(r.Severity))), (double)r.Total)));
        text.Family("policylang_rule_passed", "1 when the rule passed in the last run, 0 when it failed, warned or could not be evaluated.",
            rules.Select(r => (Labels(("dataset", r.Dataset), ("rule", r.Rule), ("severity", Lower(r.Severity))), r.Status == RuleStatus.Passed ? 1.0 : 0.0)));
        text.Family("policylang_retention_rows", "Rows retention archived, deleted or anonymized in the last run (would_process: in a dry run).",
            Retention(report).SelectMany(RetentionRows));
        text.Family("policylang_retention_batches", "Retention batches completed in the last run.",
            Retention(report).Select(r => (Labels(("dataset", r.Dataset)), (double)r.Batches)));
        text.Family("policylang_step_errors", "Errors of a step of the last run (checks, retention, access, native_retention; run: the run itself).",
            StepErrors(report));
        text.Family("policylang_backup_copies", "Backup copies found under the backup's evidence prefix in the last run.",
            report.Backups.Select(b => (Labels(("backup", b.Backup)), (double)b.Copies)));
        text.Family("policylang_backup_passed", "1 when the backup's newest copy was within its schedule and the oldest within its retention in the last run, else 0.",
            report.Backups.Select(b => (Labels(("backup", b.Backup)), b.Status == BackupStatus.Passed ? 1.0 : 0.0)));
        text.Family("policylang_backup_newest_age_seconds", "Age of the backup's newest copy at the last run.",
            report.Backups.Where(b => b.Newest is not null).Select(b => (Labels(("backup", b.Backup)), Math.Max(0, (report.AsOf - b.Newest!.Value).TotalSeconds))));
        text.Family("policylang_run_duration_seconds", "Wall-clock duration of the last run.",
            [(Labels(), Math.Max(0, (report.FinishedAt - report.StartedAt).TotalSeconds))]);
        text.Family("policylang_run_exit_code", "Exit code of the last run: 0 passed, 1 a rule failed the run, 2 the run failed, 130 interrupted.",
            [(Labels(), report.ExitCode)]);
        text.Family("policylang_run_last_timestamp_seconds", "When the last run finished (Unix time).",
            [(Labels(), Unix(report.FinishedAt))]);
        var success = report.Succeeded ? report.FinishedAt : lastSuccess;
        if (success is { } at)
        {
            text.Family(LastSuccess, "When a run last succeeded (Unix time): exit code 0, every step ran and no rule failed the run.",
                [(Labels(), Unix(at))]);
        }

        return text.ToString();
    }

    /// <summary>A label value escaped for the text format: backslash, double quote and line feed.</summary>
    public static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    // One series set per dataset, whatever number of retention results (steps) it has: a repeated series would fail the scrape.
    private static IEnumerable<RetentionResult> Retention(RunReport report) =>
        report.Retention.GroupBy(r => r.Dataset).Select(g => new RetentionResult
        {
            Dataset = g.Key,
            WouldProcess = g.Any(r => r.WouldProcess is not null) ? g.Sum(r => r.WouldProcess ?? 0) : null,
            Archived = g.Sum(r => r.Archived),
            Deleted = g.Sum(r => r.Deleted),
            Anonymized = g.Sum(r => r.Anonymized),
            Batches = g.Sum(r => r.Batches),
        });

    private static IEnumerable<(string, double)> RetentionRows(RetentionResult r)
    {
        if (r.WouldProcess is { } would)
        {
            yield return (Labels(("dataset", r.Dataset), ("action", "would_process")), would);
            yield break;
        }

        yield return (Labels(("dataset", r.Dataset), ("action", "archived")), r.Archived);
        yield return (Labels(("dataset", r.Dataset), ("action", "deleted")), r.Deleted);
        yield return (Labels(("dataset", r.Dataset), ("action", "anonymized")), r.Anonymized);
    }

    private static IEnumerable<(string, double)> StepErrors(RunReport report)
    {
        yield return (Labels(("dataset", ""), ("step", "run")), report.Errors.Count);
        foreach (var d in report.Datasets)
        {
            var checks = d.Errors.Count(e => !e.StartsWith("retention: ", StringComparison.Ordinal))
                + report.Rules.Count(r => r.Dataset == d.Dataset && r.Status == RuleStatus.Error);
            yield return (Labels(("dataset", d.Dataset), ("step", "checks")), checks);
            if (report.Retention.Where(r => r.Dataset == d.Dataset).ToList() is { Count: > 0 } retention)
            {
                yield return (Labels(("dataset", d.Dataset), ("step", "retention")), retention.Count(r => r.Error is not null));
            }

            if (report.Access.Where(a => a.Dataset == d.Dataset).ToList() is { Count: > 0 } access)
            {
                yield return (Labels(("dataset", d.Dataset), ("step", "access")), access.Count(a => a.Status == AccessStatus.Error));
            }

            if (report.NativeRetention.Where(n => n.Dataset == d.Dataset).ToList() is { Count: > 0 } native)
            {
                yield return (Labels(("dataset", d.Dataset), ("step", "native_retention")), native.Count(n => n.Status == AccessStatus.Error));
            }
        }
    }

    private static string Labels(params (string Name, string Value)[] labels) =>
        string.Concat(labels.Select(l => $",{l.Name}=\"{EscapeLabel(l.Value)}\""));

    private static string Lower(Model.Severity severity) => severity.ToString().ToLowerInvariant();

    private static double Unix(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>Writes families (HELP, TYPE, then samples) with the policy label first on every sample.</summary>
    private sealed class Exposition(string policy)
    {
        private readonly StringBuilder text = new();

        public void Family(string name, string help, IEnumerable<(string Labels, double Value)> samples)
        {
            var list = samples.ToList();
            if (list.Count == 0)
            {
                return;
            }

            text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\n");
            text.Append(CultureInfo.InvariantCulture, $"# TYPE {name} gauge\n");
            foreach (var (labels, value) in list)
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}{{policy=\"{EscapeLabel(policy)}\"{labels}}} {Number(value)}\n");
            }
        }

        public override string ToString() => text.ToString();

        private static string Number(double value) =>
            double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("0.#########", CultureInfo.InvariantCulture);
    }
}
