using System.Xml.Linq;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;
using Xunit;

namespace PolicyLang.Cli.Tests.Operations;

/// <summary>In-process: escaping of hostile names and messages in every output, and the progress writer's two modes.</summary>
public sealed class OutputFormatTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private static RunReport Hostile() => new()
    {
        Policy = "lab \"x\"\\y",
        StartedAt = Start,
        AsOf = Start,
        FinishedAt = Start.AddSeconds(90),
        Datasets = [new DatasetReport { Dataset = "d", Store = "s", Errors = ["checks: connection refused\nsecond line"] }],
        Rules =
        [
            new RuleResult
            {
                Dataset = "d", Rule = "r", Kind = RuleKind.Matches, Severity = Severity.Error, Status = RuleStatus.Failed, Violations = 2, Total = 4,
                Source = new SourceRef("dir, with: comma/p.gov", 7, 3),
                Samples = [new Dictionary<string, string?> { ["v"] = "50% <b>&\r\nnext\u0001" }],
            },
            new RuleResult { Dataset = "d", Rule = "e", Status = RuleStatus.Error, Error = "timeout", Source = new SourceRef("p.gov", 8, 3) },
        ],
        Retention = [new RetentionResult { Dataset = "d", Action = "delete", Error = "disk full" }],
        Access = [new AccessOutcome { Dataset = "d", Store = "s", Status = AccessStatus.NotApplied, Note = "folder stores have no grants" }],
    };

    [Fact]
    public void GitHub_commands_escape_percent_newlines_and_property_separators()
    {
        var output = new StringWriter();
        GitHubAnnotations.Write(Hostile(), output, "/w/policy", "/w");
        var lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.All(lines, l => Assert.StartsWith("::error ", l, StringComparison.Ordinal));
        var rule = Assert.Single(lines, l => l.Contains("d.r failed", StringComparison.Ordinal));
        Assert.StartsWith("::error file=policy/dir%2C with%3A comma/p.gov,line=7,col=3,title=PolicyLang%3A d.r failed::", rule, StringComparison.Ordinal);
        Assert.Contains("v=50%25 <b>&%0D%0Anext", rule, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.EndsWith("::checks: connection refused%0Asecond line", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("d.e could not be evaluated: timeout", StringComparison.Ordinal));
    }

    [Fact]
    public void JUnit_marks_errors_and_skips_and_survives_control_characters()
    {
        var xml = XDocument.Parse(JunitWriter.Write(Hostile()));
        var suites = xml.Root!;
        Assert.Equal(("5", "1", "3", "1"), ((string)suites.Attribute("tests")!, (string)suites.Attribute("failures")!, (string)suites.Attribute("errors")!, (string)suites.Attribute("skipped")!));
        var cases = suites.Descendants("testcase").ToDictionary(c => (string)c.Attribute("name")!);
        Assert.NotNull(cases["[checks]"].Element("error"));
        Assert.NotNull(cases["[retention]"].Element("error"));
        Assert.NotNull(cases["e"].Element("error"));
        Assert.Equal("folder stores have no grants", (string)cases["[access]"].Element("skipped")!.Attribute("message")!);
        Assert.Contains("\\u0001", cases["r"].Element("failure")!.Value, StringComparison.Ordinal);
        Assert.Equal("lab \"x\"\\y.d", (string)cases["r"].Attribute("classname")!);
    }

    [Fact]
    public void Prometheus_labels_are_escaped_and_each_family_has_help_and_type_once()
    {
        var text = PrometheusMetrics.Write(Hostile(), null);
        Assert.Contains("policylang_rule_violations{policy=\"lab \\\"x\\\"\\\\y\",dataset=\"d\",rule=\"r\",severity=\"error\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("policylang_step_errors{policy=\"lab \\\"x\\\"\\\\y\",dataset=\"d\",step=\"checks\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("policylang_run_exit_code{policy=\"lab \\\"x\\\"\\\\y\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("policylang_run_duration_seconds{policy=\"lab \\\"x\\\"\\\\y\"} 90\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain(PrometheusMetrics.LastSuccess, text, StringComparison.Ordinal);
        var families = text.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToList();
        Assert.Equal(families.Count, families.Distinct().Count());
        Assert.Equal(families.Count, text.Split('\n').Count(l => l.StartsWith("# HELP ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Progress_rewrites_one_line_at_a_terminal_and_writes_plain_lines_when_redirected()
    {
        var now = Start;
        var terminal = new StringWriter();
        using (var progress = new RunProgressWriter(terminal, terminal: true, width: 100, clock: () => now))
        {
            now = now.AddSeconds(1);
            progress.Report(new RunProgress("checks", "events", 1, 1, 0) { RulesDone = 3, RulesTotal = 4 });
            now = now.AddSeconds(2);
            progress.Report(new RunProgress("retention", "events", 5000, 10000, 1));
            now = now.AddSeconds(2);
            progress.Report(new RunProgress("retention", "events", 10000, 10000, 2));
        }

        var shown = terminal.ToString();
        Assert.DoesNotContain('\n', shown);
        Assert.Contains("\rchecked events: 3/4 rules (3 in this run)", shown, StringComparison.Ordinal);
        Assert.Contains("\rretention events: 10000/10000 rows, 2 batches committed, 2500 rows/s", shown, StringComparison.Ordinal);
        Assert.EndsWith("\r" + new string(' ', 99) + "\r", shown, StringComparison.Ordinal);

        var log = new StringWriter();
        using (var progress = new RunProgressWriter(log, terminal: false, prefix: "policyc: ", clock: () => now))
        {
            progress.Report(new RunProgress("checks", "events", 1, 1, 0) { RulesDone = 4, RulesTotal = 4 });
            now = now.AddSeconds(1);
            progress.Report(new RunProgress("retention", "events", 100, null, 1));
            now = now.AddSeconds(1);
            progress.Report(new RunProgress("retention", "events", 200, null, 2)); // within 5 s of the last line: not repeated
        }

        Assert.Equal(["policyc: checked events: 4/4 rules (4 in this run)", "policyc: retention events: 100 rows, 1 batch committed, 100 rows/s"], log.ToString().TrimEnd('\n').Split('\n'));
    }
}
