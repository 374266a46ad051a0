using System.Globalization;
using System.Text;
using PolicyLang.Runtime.Checks;

namespace PolicyLang.Runtime.Reporting;

/// <summary>
/// The run's problems as GitHub Actions workflow commands (<c>policyc run --github</c>): <c>::error</c> for a rule that fails the
/// run or could not be evaluated, <c>::warning</c> for a warn-severity rule that broke, each pointing at the rule's line in its
/// <c>.gov</c> file; the run's own errors (a store, retention, the audit trail) as <c>::error</c> without a file. Data and
/// properties are escaped as the Actions toolkit does (<c>%</c>, CR and LF everywhere; <c>:</c> and <c>,</c> in properties too).
/// </summary>
public static class GitHubAnnotations
{
    /// <summary>Samples shown in one annotation; the JSON and JUnit reports carry all of them.</summary>
    private const int SamplesShown = 3;

    /// <summary>
    /// Writes one command per problem. <paramref name="sourceRoot"/> is the folder the rules' source paths are relative to (the
    /// policy's folder); paths are written relative to <paramref name="workspace"/> (the repository checkout, <c>GITHUB_WORKSPACE</c>).
    /// </summary>
    public static void Write(RunReport report, TextWriter writer, string sourceRoot, string workspace)
    {
        foreach (var error in report.Errors)
        {
            writer.WriteLine(Command("error", [("title", $"PolicyLang {report.Policy}: the run failed")], error));
        }

        foreach (var dataset in report.Datasets)
        {
            foreach (var error in dataset.Errors)
            {
                writer.WriteLine(Command("error", [("title", $"PolicyLang {report.Policy}: dataset {dataset.Dataset}")], error));
            }
        }

        foreach (var access in report.Access.Where(a => a.Status == AccessStatus.Error))
        {
            writer.WriteLine(Command("error", [("title", $"PolicyLang {report.Policy}: access of {access.Dataset}")], access.Error ?? "failed"));
        }

        foreach (var rule in report.Rules)
        {
            var level = rule.Status == RuleStatus.Error || report.FailsTheRun(rule) ? "error" : rule.Status == RuleStatus.Warned ? "warning" : null;
            if (level is null)
            {
                continue;
            }

            var properties = new List<(string, string)>();
            if (rule.Source is { } source)
            {
                properties.Add(("file", RelativePath(source.File, sourceRoot, workspace)));
                properties.Add(("line", source.Line.ToString(CultureInfo.InvariantCulture)));
                properties.Add(("col", source.Column.ToString(CultureInfo.InvariantCulture)));
            }

            var verdict = rule.Status == RuleStatus.Error ? "could not be evaluated" : rule.Status == RuleStatus.Warned ? "warned" : "failed";
            properties.Add(("title", $"PolicyLang: {rule.Dataset}.{rule.Rule} {verdict}"));
            writer.WriteLine(Command(level, properties, Message(rule)));
        }
    }

    /// <summary>A workflow command line: <c>::name key=value,...::message</c>.</summary>
    public static string Command(string name, IEnumerable<(string Key, string Value)> properties, string message)
    {
        var props = string.Join(',', properties.Select(p => $"{p.Key}={EscapeProperty(p.Value)}"));
        return $"::{name}{(props.Length > 0 ? " " + props : "")}::{EscapeData(message)}";
    }

    /// <summary>Escapes a command's message: <c>%</c>, CR and LF.</summary>
    public static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>Escapes a command's property value: as data, plus <c>:</c> and <c>,</c>.</summary>
    public static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static string Message(RuleResult rule)
    {
        if (rule.Status == RuleStatus.Error)
        {
            return $"{rule.Dataset}.{rule.Rule} could not be evaluated: {rule.Error}";
        }

        var message = new StringBuilder();
        message.Append(CultureInfo.InvariantCulture, $"{rule.Dataset}.{rule.Rule} (severity {rule.Severity.ToString().ToLowerInvariant()}): ");
        message.Append(MeasuredText.Of(rule));
        if (rule.Tolerance is { } tolerance)
        {
            message.Append(CultureInfo.InvariantCulture, $" (tolerance {tolerance:0.###%})");
        }

        if (rule.Note is not null)
        {
            message.Append(CultureInfo.InvariantCulture, $"; {rule.Note}");
        }

        foreach (var sample in rule.Samples.Take(SamplesShown))
        {
            message.Append("\n  ").Append(string.Join(", ", sample.Select(kv => $"{kv.Key}={kv.Value ?? "null"}")));
        }

        if (rule.Samples.Count > SamplesShown)
        {
            message.Append(CultureInfo.InvariantCulture, $"\n  ({Plural.Of(rule.Samples.Count - SamplesShown, "more sample")} in the report)");
        }

        return message.ToString();
    }

    private static string RelativePath(string file, string sourceRoot, string workspace)
    {
        var full = Path.GetFullPath(Path.Combine(sourceRoot, file));
        return Path.GetRelativePath(Path.GetFullPath(workspace), full).Replace(Path.DirectorySeparatorChar, '/');
    }
}
