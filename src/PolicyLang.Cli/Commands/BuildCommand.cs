using System.CommandLine;
using PolicyLang.Compiler;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc build`: check, then compile the enforcement assembly.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var path = CommonOptions.PolicyPath();
        var output = new Option<string>("--output", "-o") { HelpName = "folder", Description = "Folder for <name>.Enforcement.dll (the policy's `name`, else a slug of its title), .pdb and the generated .g.cs (created if missing).", DefaultValueFactory = _ => "out" };
        var today = CommonOptions.Today();
        var command = new Command("build", "Check a policy and compile its enforcement assembly with Roslyn (a few seconds on a cold start).")
        {
            path, output, today,
        };
        command.SetAction(result => Cli.Guard(result, () =>
        {
            var source = result.GetValue(path)!;
            var started = System.Diagnostics.Stopwatch.StartNew();
            var compilation = CommonOptions.Compile(source, result.GetValue(today));
            var directory = result.GetValue(output)!;
            if (!compilation.HasErrors)
            {
                OutputPaths.Folder(directory);
                Console.Error.WriteLine($"policyc: compiling the enforcement assembly into {directory}");
            }

            var outcome = PolicyBuild.Build(compilation, directory, sourceRoot: PolicySources.BaseDirectory(source), previousNames: PolicyName.Previous(source, compilation));
            DiagnosticOutput.Write(outcome.Diagnostics, "text", Console.Out, Console.Error);
            if (!outcome.Success)
            {
                return ExitCodes.Failed;
            }

            Console.WriteLine($"built {outcome.AssemblyPath} in {started.ElapsedMilliseconds} ms");
            return ExitCodes.Success;
        }));
        return command.WithHelp(
            [(ExitCodes.Success, "built"), (ExitCodes.Failed, "the policy has errors (nothing written)"), (ExitCodes.Usage, "usage or I/O problem (missing path, unwritable --output)")],
            "policyc build examples/quickstart -o out/build",
            "policyc run out/build/quickstart.Enforcement.dll --base-dir examples/quickstart");
    }
}
