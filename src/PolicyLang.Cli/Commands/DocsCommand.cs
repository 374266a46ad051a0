using System.CommandLine;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Controls;
using PolicyLang.Core.Docs;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc docs`: write compliance.md and compliance.json, derived from the policy (and optionally a run).</summary>
internal static class DocsCommand
{
    public static Command Create()
    {
        var path = CommonOptions.PolicyPath();
        var output = new Option<string>("--output", "-o") { HelpName = "folder", Description = "Folder for compliance.md and compliance.json (created if missing; existing files are replaced).", DefaultValueFactory = _ => "out" };
        var runReport = new Option<string?>("--run-report")
        {
            HelpName = "file",
            Description = "A `policyc run --json` report: each safeguard whose evidence includes a rule, retention, access, audit or backup step that failed "
                + "or errored in that run is shown Failing, listing them. A report of another policy version, or older than the policy's review period, is refused.",
        };
        var acceptRunReport = new Option<bool>("--accept-run-report")
        {
            Description = "With --run-report: use a report that would be refused (another policy version, older than the review period); the documents flag it.",
        };
        var html = new Option<bool>("--html") { Description = "Also write compliance.html: one self-contained page (no external assets) with the control matrix, datasets, retention stages and, with --history, trend charts." };
        var history = new Option<bool>("--history")
        {
            Description = "With --html: chart each dataset's last runs from the policy's run history (its `history` block on any store; without one, the results table of its PostgreSQL stores), connections from the environment as `policyc run` reads them.",
        };
        var today = CommonOptions.Today();
        var command = new Command("docs", "Write the compliance document (Markdown and JSON, and with --html a self-contained HTML report) derived from a policy; nothing is written when the policy has errors.")
        {
            path, output, runReport, acceptRunReport, html, history, today,
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
                var run = ReadRunReport(reportPath, compilation.Bound, CommonOptions.ParseToday(result.GetValue(today)), result.GetValue(acceptRunReport));
                coverage = coverage.WithRun(run);
                options = options with { Assessment = $"Derived from policy and run of {ComplianceDocument.Instant(run.RunAt)}" };
            }
            else if (result.GetValue(acceptRunReport))
            {
                throw new UsageException("--accept-run-report accepts the report of --run-report: add --run-report <file>");
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

    /// <summary>The run of <paramref name="path"/>, refused (usage error) when it is of another policy or version, or stale, unless <paramref name="accept"/>.</summary>
    internal static RunOutcome ReadRunReport(string path, BoundPolicy policy, DateOnly today, bool accept)
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

        RunOutcome run;
        try
        {
            run = RunReportReader.Read(text, policy);
        }
        catch (FormatException e)
        {
            throw new UsageException($"'{path}' is {e.Message}");
        }

        if (run.Refusal(policy, today) is not { } refusal)
        {
            return run;
        }

        return accept
            ? run with { AcceptedDespite = refusal }
            : throw new UsageException($"the run report '{path}' is refused: {refusal}; run the policy again, or pass --accept-run-report to use it anyway (the documents flag it)");
    }
}
