using System.CommandLine;
using PolicyLang.Core.Docs;
using PolicyLang.Runtime.Reporting;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc docs`: write compliance.md and compliance.json, derived from the policy (and optionally a run).</summary>
internal static class DocsCommand
{
    public static Command Create()
    {
        var path = CommonOptions.PolicyPath();
        var output = new Option<string>("--output", "-o") { Description = "Folder for compliance.md and compliance.json.", DefaultValueFactory = _ => "out" };
        var runReport = new Option<string?>("--run-report") { Description = "A `policyc run --json` report: safeguards whose covering rules failed in that run are shown as such." };
        var today = CommonOptions.Today();
        var command = new Command("docs", "Write the compliance document (Markdown and JSON) derived from a policy. Exit 0: written; 1: policy errors (nothing written); 2: usage or I/O problems.")
        {
            path, output, runReport, today,
        };
        command.SetAction(result => Cli.Guard(() =>
        {
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
                var report = RunReport.FromJson(File.ReadAllText(reportPath));
                var failed = report.Rules.Where(r => r.Status is RuleStatus.Failed or RuleStatus.Error).Select(r => $"{r.Dataset}.{r.Rule}").ToHashSet();
                coverage = coverage.WithFailedRules(failed);
                options = options with { Assessment = $"Derived from policy and run of {report.FinishedAt:yyyy-MM-dd HH:mm} UTC" };
            }

            var directory = result.GetValue(output)!;
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, "compliance.md"), ComplianceDocument.RenderMarkdown(compilation.Bound, coverage, options));
            File.WriteAllText(Path.Combine(directory, "compliance.json"), ComplianceDocument.RenderJson(compilation.Bound, coverage, options));
            Console.WriteLine($"wrote {Path.Combine(directory, "compliance.md")} and compliance.json");
            return ExitCodes.Success;
        }));
        return command;
    }
}
