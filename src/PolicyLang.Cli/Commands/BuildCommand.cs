using System.CommandLine;
using PolicyLang.Compiler;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc build`: check, then compile the enforcement assembly.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var path = CommonOptions.PolicyPath();
        var output = new Option<string>("--output", "-o") { Description = "Folder for <policy>.Enforcement.dll, .pdb and the generated .g.cs.", DefaultValueFactory = _ => "out" };
        var today = CommonOptions.Today();
        var command = new Command("build", "Check a policy and compile its enforcement assembly with Roslyn. Exit 0: built; 1: policy errors; 2: usage or I/O problems.")
        {
            path, output, today,
        };
        command.SetAction(result => Cli.Guard(() =>
        {
            var source = result.GetValue(path)!;
            var started = System.Diagnostics.Stopwatch.StartNew();
            var compilation = CommonOptions.Compile(source, result.GetValue(today));
            var outcome = PolicyBuild.Build(compilation, PolicyName.Of(source), result.GetValue(output)!);
            DiagnosticOutput.Write(outcome.Diagnostics, "text", Console.Out, Console.Error);
            if (!outcome.Success)
            {
                return ExitCodes.Failed;
            }

            Console.WriteLine($"built {outcome.AssemblyPath} in {started.ElapsedMilliseconds} ms");
            return ExitCodes.Success;
        }));
        return command;
    }
}
