using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using PolicyLang.Runtime.Checks;

namespace PolicyLang.Runtime.Reporting;

/// <summary>
/// The run as a JUnit XML test report (<c>policyc run --junit</c>), for CI test views (GitLab, Jenkins, GitHub test reporters).
/// One test suite per dataset (plus one for the run's own errors); one test case per rule, retention step and access step, keyed
/// uniquely by classname (<c>policy.dataset</c>) and name (the rule's name, or a bracketed step such as <c>[retention]</c>, which no
/// rule name can be). A rule that fails the run is a <c>&lt;failure&gt;</c> carrying its counts and masked samples; a rule or step
/// that could not run is an <c>&lt;error&gt;</c>; an access step the store cannot apply, or a step cut short by an interruption, is
/// <c>&lt;skipped&gt;</c>. A warn-severity rule that broke passes with its counts in <c>system-out</c>, unless the run fails on warnings.
/// </summary>
public static class JunitWriter
{
    /// <summary>The report as JUnit XML (UTF-8, indented).</summary>
    public static string Write(RunReport report)
    {
        var cases = Cases(report).ToList();
        var suites = cases.GroupBy(c => c.Suite).Select(g => Suite(g.Key, g.ToList(), report)).ToList();
        var root = new XElement("testsuites",
            new XAttribute("name", report.Policy),
            Counts(cases),
            new XAttribute("time", Seconds(report.FinishedAt - report.StartedAt)),
            new XAttribute("timestamp", report.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            suites);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            new XDocument(new XDeclaration("1.0", "UTF-8", null), root).Save(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private enum Outcome
    {
        Passed,
        Failure,
        Error,
        Skipped,
    }

    private sealed record Case(string Suite, string Name, Outcome Outcome, string? Message, string Text, string? Type = null, RuleResult? Rule = null);

    private static IEnumerable<Case> Cases(RunReport report)
    {
        var policy = report.Policy;
        string Suite(string dataset) => $"{policy}.{dataset}";
        foreach (var error in report.Errors)
        {
            yield return new Case(policy, "[run]", Outcome.Error, FirstLine(error), error);
        }

        foreach (var dataset in report.Datasets)
        {
            // Retention errors are listed under their dataset too ("retention: ..."); the [retention] case carries them.
            foreach (var error in dataset.Errors.Where(e => !e.StartsWith("retention: ", StringComparison.Ordinal)))
            {
                var step = error.Split(':', 2)[0];
                yield return new Case(Suite(dataset.Dataset), $"[{(step.Contains(' ', StringComparison.Ordinal) ? "dataset" : step)}]", Outcome.Error, FirstLine(error), error);
            }
        }

        foreach (var access in report.Access)
        {
            yield return Step(Suite(access.Dataset), "[access]", access.Status, access.Note, access.Error, AccessText(access));
        }

        foreach (var native in report.NativeRetention)
        {
            yield return Step(Suite(native.Dataset), "[native retention]", native.Status, native.Note, native.Error,
                $"finding {native.Finding}: declared {native.Declared}, actual {native.Actual}{(native.Command is null ? "" : $"\ncommand: {native.Command}")}");
        }

        foreach (var rule in report.Rules)
        {
            yield return RuleCase(report, Suite(rule.Dataset), rule);
        }

        foreach (var retention in report.Retention)
        {
            var text = RetentionText(retention);
            yield return retention.Error is { } error ? new Case(Suite(retention.Dataset), "[retention]", Outcome.Error, FirstLine(error), $"{error}\n{text}")
                : retention.Interrupted == true ? new Case(Suite(retention.Dataset), "[retention]", Outcome.Skipped, "interrupted: what was committed stays committed, a rerun completes the rest", text)
                : new Case(Suite(retention.Dataset), "[retention]", Outcome.Passed, null, text);
        }

        // Backups are the policy's: one suite per backup (policy.backup.<name>), one [copies] case each.
        foreach (var backup in report.Backups)
        {
            var place = backup.Table is { } table ? $"recorded in {backup.Store} '{table}'" : $"in {backup.Store} prefix '{backup.Prefix}'";
            var text = $"copies {place}: {backup.Detail}";
            var suite = $"{policy}.backup.{backup.Backup}";
            yield return backup.Status switch
            {
                BackupStatus.Error => new Case(suite, "[copies]", Outcome.Error, FirstLine(backup.Detail), text),
                BackupStatus.Failed => new Case(suite, "[copies]", Outcome.Failure, FirstLine(backup.Detail), text),
                _ => new Case(suite, "[copies]", Outcome.Passed, null, text),
            };
        }
    }

    private static Case RuleCase(RunReport report, string suite, RuleResult rule)
    {
        var text = RuleText(rule);
        if (rule.Status == RuleStatus.Error)
        {
            return new Case(suite, rule.Rule, Outcome.Error, $"not evaluated: {FirstLine(rule.Error ?? "unknown error")}", text, Rule: rule);
        }

        var outcome = report.FailsTheRun(rule) ? Outcome.Failure : Outcome.Passed;
        var message = $"{MeasuredText.Of(rule)}{(rule.Tolerance is { } t ? $" (tolerance {t:0.###%})" : "")}";
        return new Case(suite, rule.Rule, outcome, message, text, rule.Severity.ToString().ToLowerInvariant(), rule);
    }

    private static Case Step(string suite, string name, AccessStatus status, string? note, string? error, string text) => status switch
    {
        AccessStatus.Error => new Case(suite, name, Outcome.Error, FirstLine(error ?? "failed"), $"{error}\n{text}"),
        AccessStatus.NotApplied => new Case(suite, name, Outcome.Skipped, FirstLine(note ?? "not applied"), text),
        _ => new Case(suite, name, Outcome.Passed, null, $"{status.ToString().ToLowerInvariant()}\n{text}"),
    };

    private static XElement Suite(string name, List<Case> cases, RunReport report)
    {
        var unique = new HashSet<string>(StringComparer.Ordinal);
        return new XElement("testsuite",
            new XAttribute("name", name),
            Counts(cases),
            new XAttribute("time", "0"),
            new XAttribute("timestamp", report.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            cases.Select(c => TestCase(c, UniqueName(c.Name, unique))),
            SchemaDrift(name, report));
    }

    // Schema drift is a finding, not a test: it is listed in the dataset's suite output.
    private static XElement? SchemaDrift(string suite, RunReport report)
    {
        var drift = report.Datasets.Where(d => $"{report.Policy}.{d.Dataset}" == suite).SelectMany(d => d.SchemaDrift)
            .Select(s => $"schema: column '{s.Column}' {s.Finding}: declared {s.Declared}, actual {s.Actual}").ToList();
        return drift.Count == 0 ? null : new XElement("system-out", Clean(string.Join("\n", drift)));
    }

    // Names are unique per suite by construction; a repeated step (several retention results of one dataset) gets a number.
    private static string UniqueName(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{name} #{n}";
        }

        return candidate;
    }

    private static XElement TestCase(Case c, string name)
    {
        var element = new XElement("testcase", new XAttribute("classname", c.Suite), new XAttribute("name", name), new XAttribute("time", "0"));
        if (c.Rule?.Source is { } source)
        {
            element.Add(new XAttribute("file", source.File), new XAttribute("line", source.Line));
            element.Add(new XElement("properties",
                Property("kind", c.Rule.Kind.ToString()),
                Property("severity", c.Rule.Severity.ToString().ToLowerInvariant()),
                Property("status", c.Rule.Status.ToString().ToLowerInvariant()),
                Property("violations", c.Rule.Violations.ToString(CultureInfo.InvariantCulture)),
                Property("rows", c.Rule.Total.ToString(CultureInfo.InvariantCulture))));
        }

        switch (c.Outcome)
        {
            case Outcome.Failure:
                element.Add(new XElement("failure", new XAttribute("message", Clean(c.Message!)), new XAttribute("type", c.Type ?? "error"), Clean(c.Text)));
                break;
            case Outcome.Error:
                element.Add(new XElement("error", new XAttribute("message", Clean(c.Message!)), new XAttribute("type", "error"), Clean(c.Text)));
                break;
            case Outcome.Skipped:
                element.Add(new XElement("skipped", new XAttribute("message", Clean(c.Message!))));
                element.Add(new XElement("system-out", Clean(c.Text)));
                break;
            default:
                element.Add(new XElement("system-out", Clean(c.Text)));
                break;
        }

        return element;
    }

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", value));

    private static XAttribute[] Counts(IReadOnlyCollection<Case> cases) =>
    [
        new("tests", cases.Count),
        new("failures", cases.Count(c => c.Outcome == Outcome.Failure)),
        new("errors", cases.Count(c => c.Outcome == Outcome.Error)),
        new("skipped", cases.Count(c => c.Outcome == Outcome.Skipped)),
    ];

    private static string RuleText(RuleResult rule)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{rule.Dataset}.{rule.Rule} ({rule.Kind}, severity {rule.Severity.ToString().ToLowerInvariant()}): {rule.Status.ToString().ToLowerInvariant()}\n");
        text.Append(rule.Expected is null
            ? string.Create(CultureInfo.InvariantCulture, $"violations {Values.Count(rule.Violations)} of {Plural.Of(rule.Total, "row")}")
            : MeasuredText.Of(rule));
        text.Append(rule.Tolerance is { } t ? string.Create(CultureInfo.InvariantCulture, $", tolerance {t:0.###%}\n") : "\n");
        if (rule.Source is { } source)
        {
            text.Append(CultureInfo.InvariantCulture, $"written at {source.File}:{source.Line}:{source.Column}\n");
        }

        if (rule.Note is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"note: {rule.Note}\n");
        }

        if (rule.Error is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"error: {rule.Error}\n");
        }

        if (rule.Samples.Count > 0)
        {
            text.Append("samples (masked columns as in the policy):\n");
            foreach (var sample in rule.Samples)
            {
                text.Append("  ").Append(string.Join(", ", sample.Select(kv => $"{kv.Key}={kv.Value ?? "null"}"))).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string RetentionText(RetentionResult r) =>
        (r.WouldProcess is { } n
            ? $"dry run: would {r.Action} {Plural.Of(n, "row")}"
            : $"archived {Values.Count(r.Archived)}, deleted {Values.Count(r.Deleted)}, anonymized {Values.Count(r.Anonymized)} in {Plural.Of(r.Batches, "batch")}"
                + (r.Recovered > 0 ? $" ({r.Recovered} recovered from an earlier run)" : ""))
        + $"\ncutoff {Values.Instant(r.Cutoff)}"
        + string.Concat(r.ArchiveObjects.Select(o => $"\narchive {o}"));

    private static string AccessText(AccessOutcome a) =>
        $"granted {a.Granted}, revoked {a.Revoked}{(a.MaskedView is null ? "" : $", masked view {a.MaskedView}")}"
        + string.Concat(a.Statements.Select(s => $"\n{s.ReplaceLineEndings(" ")}"));

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r');

    private static string Seconds(TimeSpan duration) => Math.Max(0, duration.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture);

    // XML 1.0 cannot carry most control characters, even escaped; a store's value or message may hold them.
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                clean.Append(text, i++, 2);
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
            else
            {
                clean.Append(CultureInfo.InvariantCulture, $"\\u{(int)text[i]:x4}");
            }
        }

        return clean.ToString();
    }
}
