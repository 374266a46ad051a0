using System.CommandLine;
using System.Text.Json.Nodes;
using PolicyLang.Core.Diagnostics;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc check`: parse, bind and check controls; report every problem at once.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var path = CommonOptions.PolicyPath();
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: text (MSBuild canonical `file(line,col): error GOV0000: message`) or sarif (SARIF 2.1.0; on a usage or I/O failure, a SARIF log whose invocation reports it).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "sarif");
        var output = new Option<string?>("--output", "-o") { HelpName = "file", Description = "Write the diagnostics to this file (its folder is created) instead of standard output." };
        var today = CommonOptions.Today();
        var command = new Command("check", "Check a policy and print every diagnostic; the error and warning counts go to stderr.")
        {
            path, format, output, today,
        };
        command.SetAction(result => Cli.Guard(result, () =>
        {
            var compilation = CommonOptions.Compile(result.GetValue(path)!, result.GetValue(today));
            Write(result.GetValue(output), writer => DiagnosticOutput.Write(compilation.Diagnostics, result.GetValue(format)!, writer, Console.Error));
            return compilation.HasErrors ? ExitCodes.Failed : ExitCodes.Success;
        }));
        command.OnFailure((result, message) =>
        {
            if (result.GetValue(format) == "sarif")
            {
                Write(result.GetValue(output), writer => writer.WriteLine(FailedSarifLog(message)));
            }
        });
        return command.WithHelp(
            [(ExitCodes.Success, "no errors (warnings allowed)"), (ExitCodes.Failed, "the policy has errors"), (ExitCodes.Usage, "usage or I/O problem (missing path, no .gov files, unwritable --output)")],
            "policyc check examples/astronomy-lab",
            "policyc check policies/ --format sarif -o out/check.sarif",
            "policyc check lab.gov --today 2027-01-31     # are the waivers still valid on that date?");
    }

    private static void Write(string? target, Action<TextWriter> write)
    {
        if (target is null)
        {
            write(Console.Out);
            return;
        }

        var text = new StringWriter();
        write(text);
        OutputPaths.WriteFile(target, text.ToString());
    }

    /// <summary>A SARIF log with no results whose invocation failed with <paramref name="message"/>, so SARIF consumers see why.</summary>
    private static string FailedSarifLog(string message)
    {
        var log = JsonNode.Parse(SarifWriter.Write([], DiagnosticOutput.Version))!;
        log["runs"]![0]!["invocations"] = new JsonArray(new JsonObject
        {
            ["executionSuccessful"] = false,
            ["toolExecutionNotifications"] = new JsonArray(new JsonObject
            {
                ["level"] = "error",
                ["message"] = new JsonObject { ["text"] = message },
            }),
        });
        return log.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
