using System.CommandLine;
using System.Text.Json;
using PolicyLang.Core.Docs;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Reporting;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc docs`: write compliance.md and compliance.json, derived from the policy (and optionally a run).</summary>
internal static class DocsCommand
{
    public static Command Create()
    {
        var path = CommonOptions.PolicyPath();
        var output = new Option<string>("--output", "-o") { HelpName = "folder", Description = "Folder for compliance.md and compliance.json (created if missing; existing files are replaced).", DefaultValueFactory = _ => "out" };
        var runReport = new Option<string?>("--run-report") { HelpName = "file", Description = "A `policyc run --json` report: safeguards whose covering rules failed in that run are shown as such." };
        var html = new Option<bool>("--html") { Description = "Also write compliance.html: one self-contained page (no external assets) with the control matrix, datasets, retention stages and, with --history, trend charts." };
        var history = new Option<bool>("--history")
        {
            Description = "With --html: chart each dataset's last runs from the policy's run history (its `history` block on any store; without one, the results table of its PostgreSQL stores), connections from the environment as `policyc run` reads them.",
        };
        var today = CommonOptions.Today();
        var command = new Command("docs", "Write the compliance document (Markdown and JSON, and with --html a self-contained HTML report) derived from a policy; nothing is written when the policy has errors.")
        {
            path, output, runReport, html, history, today,
        };
        command.SetAction((result, ct) => Cli.GuardAsync(result, async () =>
        {
            if (result.GetValue(history) && !result.GetValue(html))
            {
                throw new UsageException("--history charts the runs in the HTML report: add --html");
            }

            var compilation = CommonOptions.Compile(result.GetValue(path)!, result.GetValue(today));
            DiagnosticOutput.Write(compilation.Diagnostics, "text", Console.Out, Console.Error);
            if (compilation.HasErrors)
            {
                return ExitCodes.Failed;
            }

            var coverage = compilation.Coverage;
            var options = DocumentOptions.Default with { GeneratedOn = CommonOptions.ParseToday(result.GetValue(today)) };
            if (result.GetValue(runReport) is { } reportPath)
            {
                var report = ReadRunReport(reportPath);
                var failed = report.Rules.Where(r => r.Status is RuleStatus.Failed or RuleStatus.Error).Select(r => $"{r.Dataset}.{r.Rule}").ToHashSet();
                coverage = coverage.WithFailedRules(failed);
                options = options with { Assessment = $"Derived from policy and run of {Values.Instant(report.FinishedAt)}" };
            }

            var directory = OutputPaths.Folder(result.GetValue(output)!);
            OutputPaths.WriteFile(Path.Combine(directory, "compliance.md"), ComplianceDocument.RenderMarkdown(compilation.Bound, coverage, options));
            OutputPaths.WriteFile(Path.Combine(directory, "compliance.json"), ComplianceDocument.RenderJson(compilation.Bound, coverage, options));
            if (result.GetValue(html))
            {
                var runs = result.GetValue(history) ? await RunHistoryReader.ReadAsync(result.GetValue(path)!, result.GetValue(today), ct) : RunHistoryReader.NotRead();
                OutputPaths.WriteFile(Path.Combine(directory, "compliance.html"), ComplianceDocument.RenderHtml(compilation.Bound, coverage, runs, options));
            }

            Console.WriteLine($"wrote {Path.Combine(directory, "compliance.md")}{(result.GetValue(html) ? ", compliance.json and compliance.html" : " and compliance.json")}");
            return ExitCodes.Success;
        }));
        return command.WithHelp(
            [(ExitCodes.Success, "written"), (ExitCodes.Failed, "the policy has errors (nothing written)"), (ExitCodes.Usage, "usage or I/O problem (missing path, unreadable --run-report, unwritable --output)")],
            "policyc docs examples/astronomy-lab -o out/docs",
            "policyc docs examples/quickstart -o out/docs --run-report out/report.json",
            "LAB_PG_URL=postgresql://reader@db/lab policyc docs lab/ -o public --html --history");
    }

    private static RunReport ReadRunReport(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the run report '{path}': {e.Message}");
        }

        try
        {
            var report = RunReport.FromJson(text);
            return report.FinishedAt != default
                ? report
                : throw new UsageException($"'{path}' is not a `policyc run --json` report (it has no finishedAt)");
        }
        catch (JsonException e)
        {
            throw new UsageException($"'{path}' is not a `policyc run --json` report: {e.Message}");
        }
    }
}
