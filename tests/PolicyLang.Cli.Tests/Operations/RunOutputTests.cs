using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PolicyLang.Runtime.Reporting;
using Xunit;

namespace PolicyLang.Cli.Tests.Operations;

/// <summary>
/// `policyc run --junit --github --metrics` on the quickstart, each output read by its real consumer: xmllint and junit2json,
/// GitHub's workflow-command syntax checked against the .gov lines, node_exporter's textfile collector scraped on loopback.
/// </summary>
public sealed partial class RunOutputTests(QuickstartOutputsFixture run) : IClassFixture<QuickstartOutputsFixture>
{
    [Fact]
    public void The_run_exits_1_and_writes_its_summary_to_stdout_and_progress_to_stderr()
    {
        Assert.True(run.Run.ExitCode == 1, run.Run.ToString());
        Assert.Equal(1, run.Report.ExitCode);
        Assert.Contains(run.Report.Rules, r => r.Status == RuleStatus.Warned);
        Assert.Contains("policyc: checked observations: 10/10 rules", run.Run.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"policyc: retention observations: 125/125 rows, 1 batch committed, \d+ rows/s", run.Run.Stderr);
        Assert.DoesNotContain("checked", run.Run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void JUnit_report_is_valid_and_junit2json_reads_counts_equal_to_the_json_report()
    {
        var junit = run.PathOf("out/junit.xml");
        var lint = Consumers.Run(Consumers.Require("xmllint"), "--noout", junit);
        Assert.True(lint.ExitCode == 0 && lint.Stderr.Length == 0, lint.ToString());

        var read = Consumers.Run(Consumers.Require("node"), Consumers.Junit2Json(), junit);
        Assert.True(read.ExitCode == 0, read.ToString());
        using var json = JsonDocument.Parse(read.Stdout);
        var root = json.RootElement;
        var report = run.Report;
        var expectedTests = report.Rules.Count + report.Retention.Count + report.Access.Count + report.NativeRetention.Count + report.Errors.Count;
        Assert.Equal(expectedTests, root.GetProperty("tests").GetInt32());
        Assert.Equal(report.Rules.Count(r => r.Status == RuleStatus.Failed), root.GetProperty("failures").GetInt32());
        Assert.Equal(0, root.GetProperty("errors").GetInt32());
        Assert.Equal(0, root.GetProperty("skipped").GetInt32());

        var cases = root.GetProperty("testsuite").EnumerateArray().SelectMany(s => s.GetProperty("testcase").EnumerateArray()).ToList();
        Assert.Equal(expectedTests, cases.Count);
        var keys = cases.Select(c => (c.GetProperty("classname").GetString(), c.GetProperty("name").GetString())).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Contains(("quickstart.observations", "[retention]"), keys);

        // A failure carries its counts and masked samples, and points at the rule's line.
        var email = cases.Single(c => c.GetProperty("name").GetString() == "observer_email_matches");
        var failure = email.GetProperty("failure")[0];
        Assert.Equal("12 of 1000 rows violate", failure.GetProperty("message").GetString());
        var text = failure.GetProperty("inner").GetString()!;
        Assert.Contains("obs_id=4, observer_email=", text, StringComparison.Ordinal);
        Assert.DoesNotContain("not-an-email", text, StringComparison.Ordinal);
        Assert.Equal(LineOf("expect observer_email matches"), email.GetProperty("line").GetInt32());

        // The warn-severity rule that broke passes (the run does not fail on warnings) and says so.
        var kind = cases.Single(c => c.GetProperty("name").GetString() == "kind_in");
        Assert.False(kind.TryGetProperty("failure", out _));
        Assert.Contains("warned", kind.GetProperty("system-out")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GitHub_annotations_point_at_each_failing_rules_gov_line()
    {
        var commands = run.Run.Stdout.Split('\n').Where(l => l.StartsWith("::", StringComparison.Ordinal)).ToList();
        var failed = run.Report.Rules.Where(r => r.Status == RuleStatus.Failed).ToList();
        Assert.Equal(failed.Count + 1, commands.Count);
        foreach (var rule in failed)
        {
            var line = commands.Single(c => c.Contains($"title=PolicyLang%3A {rule.Dataset}.{rule.Rule} failed::", StringComparison.Ordinal));
            var match = Annotation().Match(line);
            Assert.True(match.Success, line);
            Assert.Equal("error", match.Groups["level"].Value);
            Assert.Equal($"{run.FolderName}/quickstart.gov", match.Groups["file"].Value);
            Assert.Equal(rule.Source!.Line, int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture));
            Assert.DoesNotContain('\n', match.Groups["message"].Value);
        }

        var flux = commands.Single(c => c.Contains("flux_gt failed", StringComparison.Ordinal));
        Assert.Contains($",line={LineOf("expect flux > 0")},", flux, StringComparison.Ordinal);
        Assert.Contains("(tolerance 0.5%25)%0A  obs_id=", flux, StringComparison.Ordinal);

        var warning = Assert.Single(commands, c => c.StartsWith("::warning ", StringComparison.Ordinal));
        Assert.Contains($",line={LineOf("expect kind in")},", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_textfile_is_scraped_by_node_exporter_with_every_series()
    {
        Assert.Equal(["quickstart.prom"], Directory.EnumerateFiles(run.PathOf("textfiles")).Select(Path.GetFileName)); // the temporary name is gone
        using var exporter = LoopbackServer.NodeExporter(run.PathOf("textfiles"));
        var scraped = exporter.Scrape();
        Assert.Contains("\nnode_textfile_scrape_error 0\n", scraped, StringComparison.Ordinal);

        Assert.Equal(10, Value(scraped, "policylang_rule_violations", "dataset=\"observations\"", "rule=\"band_in\"", "severity=\"error\""));
        Assert.Equal(1000, Value(scraped, "policylang_rule_rows_checked", "rule=\"band_in\""));
        Assert.Equal(0, Value(scraped, "policylang_rule_passed", "rule=\"band_in\""));
        Assert.Equal(1, Value(scraped, "policylang_rule_passed", "rule=\"obs_id_unique\""));
        Assert.Equal(0, Value(scraped, "policylang_rule_passed", "rule=\"kind_in\"", "severity=\"warn\""));
        Assert.Equal(125, Value(scraped, "policylang_retention_rows", "dataset=\"observations\"", "action=\"archived\""));
        Assert.Equal(125, Value(scraped, "policylang_retention_rows", "dataset=\"observations\"", "action=\"deleted\""));
        Assert.Equal(0, Value(scraped, "policylang_step_errors", "dataset=\"observations\"", "step=\"retention\""));
        Assert.Equal(1, Value(scraped, "policylang_run_exit_code"));
        Assert.InRange(Value(scraped, "policylang_run_duration_seconds"), 0.001, 600);
        Assert.Equal(run.Report.FinishedAt.ToUnixTimeMilliseconds() / 1000.0, Value(scraped, "policylang_run_last_timestamp_seconds"), 3);
        Assert.DoesNotContain(PrometheusMetrics.LastSuccess, scraped, StringComparison.Ordinal); // exit code 1: not a success
        Assert.All(Series(scraped).Where(s => s.StartsWith("policylang_", StringComparison.Ordinal)), s => Assert.Contains("policy=\"quickstart\"", s, StringComparison.Ordinal));
    }

    private int LineOf(string text) =>
        File.ReadAllLines(run.Gov).Select((line, i) => (line, i)).Single(x => x.line.TrimStart().StartsWith(text, StringComparison.Ordinal)).i + 1;

    private static IEnumerable<string> Series(string scraped) => scraped.Split('\n').Where(l => l.Length > 0 && l[0] != '#');

    private static double Value(string scraped, string name, params string[] labels)
    {
        var line = Assert.Single(Series(scraped), s => s.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(l => s.Contains(l, StringComparison.Ordinal)));
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^::(?<level>error|warning) file=(?<file>[^,]+),line=(?<line>\d+),col=\d+,title=[^:]+::(?<message>.+)$")]
    private static partial Regex Annotation();
}
