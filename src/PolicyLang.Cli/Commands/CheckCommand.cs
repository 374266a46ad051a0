using System.CommandLine;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc check`: parse, bind and check controls; report every problem at once.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var path = CommonOptions.PolicyPath();
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: text (MSBuild canonical `file(line,col): error GOV0000: message`) or sarif (SARIF 2.1.0).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "sarif");
        var output = new Option<string?>("--output", "-o") { Description = "Write the diagnostics to this file instead of standard output." };
        var today = CommonOptions.Today();
        var command = new Command("check", "Check a policy and print every diagnostic. Exit code 0: no errors; 1: errors; 2: usage or I/O problems.")
        {
            path, format, output, today,
        };
        command.SetAction(result => Cli.Guard(() =>
        {
            var compilation = CommonOptions.Compile(result.GetValue(path)!, result.GetValue(today));
            var target = result.GetValue(output);
            using var writer = target is null ? null : new StreamWriter(target);
            DiagnosticOutput.Write(compilation.Diagnostics, result.GetValue(format)!, writer ?? Console.Out, Console.Error);
            return compilation.HasErrors ? ExitCodes.Failed : ExitCodes.Success;
        }));
        return command;
    }
}
