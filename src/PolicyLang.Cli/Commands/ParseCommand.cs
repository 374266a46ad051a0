using System.CommandLine;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc parse`: print the syntax tree with spans (for grammar work and bug reports).</summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var path = CommonOptions.PolicyPath();
        var command = new Command("parse", "Print the syntax tree of each .gov file with line:column spans.") { path };
        command.SetAction(result => Cli.Guard(result, () =>
        {
            var compilation = CommonOptions.Compile(result.GetValue(path)!, null);
            foreach (var file in compilation.Syntax)
            {
                Console.WriteLine($"// {file.Syntax.File.Path}");
                Console.Write(SyntaxPrinter.Print(file.Syntax));
            }

            var syntaxErrors = compilation.Syntax.SelectMany(s => s.Diagnostics).ToArray();
            DiagnosticOutput.Write(syntaxErrors, "text", Console.Out, Console.Error);
            return syntaxErrors.Length > 0 ? ExitCodes.Failed : ExitCodes.Success;
        }));
        return command.WithHelp(
            [(ExitCodes.Success, "no syntax errors"), (ExitCodes.Failed, "syntax errors (printed after the tree)"), (ExitCodes.Usage, "usage or I/O problem")],
            "policyc parse examples/quickstart/quickstart.gov");
    }
}
