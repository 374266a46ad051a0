using System.CommandLine;
using System.CommandLine.Parsing;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Formatting;
using PolicyLang.Core.Text;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc fmt`: rewrite .gov files in the canonical layout (or check that they are), like `terraform fmt`.</summary>
internal static class FmtCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files and folders to format (folders recursively, bin/ and obj/ excluded); `-` reads standard input and writes the result to standard output. Default: the current folder.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        paths.Validators.Add(RejectOptionLike);
        var check = new Option<bool>("--check") { Description = "Change nothing: list the files that are not formatted and exit 1 if there are any (for CI)." };
        var write = new Option<bool>("--write", "-w") { Description = "Rewrite files in place and list those that changed (the default for files)." };
        var stdout = new Option<bool>("--stdout") { Description = "Print the formatted text to standard output instead of rewriting files (the default for `-`)." };
        var command = new Command(
            "fmt",
            "Format .gov files in the one canonical layout. By default files are rewritten in place and the changed ones listed (as `terraform fmt` does); only whitespace changes, never a token or a comment. A file with syntax errors is left untouched and its errors are printed to stderr in `check`'s form.")
        {
            paths, check, write, stdout,
        };
        command.SetAction(result => Cli.Guard(result, () =>
        {
            var mode = Mode(result.GetValue(check), result.GetValue(write), result.GetValue(stdout));
            var given = result.GetValue(paths) is { Length: > 0 } p ? p : ["."];
            return Run(given, mode);
        }));
        return command.WithHelp(
            [(ExitCodes.Success, "every file is formatted (or was rewritten)"), (ExitCodes.Failed, "--check found files to format, or a file has syntax errors (left untouched)"), (ExitCodes.Usage, "usage or I/O problem (missing path, unreadable or unwritable file)")],
            "policyc fmt                          # rewrite every .gov file under the current folder",
            "policyc fmt --check examples         # CI: exit 1 and list the files that are not formatted",
            "policyc fmt --stdout lab.gov         # print the formatted file, change nothing",
            "cat lab.gov | policyc fmt -          # format standard input to standard output");
    }

    private enum FmtMode
    {
        Default,
        Write,
        Stdout,
        Check,
    }

    private static FmtMode Mode(bool check, bool write, bool stdout) => (check, write, stdout) switch
    {
        (true, true, _) => throw new UsageException("--check and --write cannot be combined: --check changes nothing"),
        (true, _, true) => throw new UsageException("--check and --stdout cannot be combined: --check prints the files that would change"),
        (_, true, true) => throw new UsageException("--write and --stdout cannot be combined: choose where the formatted text goes"),
        (true, _, _) => FmtMode.Check,
        (_, true, _) => FmtMode.Write,
        (_, _, true) => FmtMode.Stdout,
        _ => FmtMode.Default,
    };

    private static int Run(string[] paths, FmtMode mode)
    {
        if (paths.Contains("-") && mode == FmtMode.Write)
        {
            throw new UsageException("`-` (standard input) cannot be rewritten in place: drop --write");
        }

        // Every path is found and read before anything is written, so a typo in the last path changes nothing.
        var inputs = paths.SelectMany(FormatInputs.Expand).DistinctBy(i => i.FullPath).Select(FormatInputs.Read).ToList();
        var failed = false;
        foreach (var input in inputs)
        {
            var result = PolicyFormatter.Format(input.Source);
            if (result.Text is null)
            {
                foreach (var diagnostic in result.Diagnostics)
                {
                    Console.Error.WriteLine(diagnostic.ToCanonicalString());
                }

                Console.Error.WriteLine($"policyc: {input.Source.Path} has syntax errors; it was not formatted");
                failed = true;
                continue;
            }

            var changed = result.Text != input.Source.Text;
            switch (mode)
            {
                case FmtMode.Check when changed:
                    Console.WriteLine(input.Source.Path);
                    failed = true;
                    break;
                case FmtMode.Stdout:
                case FmtMode.Default when input.IsStandardInput:
                    Console.Out.Write(result.Text);
                    break;
                case FmtMode.Default or FmtMode.Write when changed:
                    FormatInputs.Write(input, result.Text);
                    Console.WriteLine(input.Source.Path);
                    break;
            }
        }

        return failed ? ExitCodes.Failed : ExitCodes.Success;
    }

    // `-` is standard input; any other value that starts with `-` and names no file is a mistyped option.
    private static void RejectOptionLike(ArgumentResult result)
    {
        foreach (var value in result.Tokens.Select(t => t.Value))
        {
            if (value.StartsWith('-') && value != "-" && !File.Exists(value) && !Directory.Exists(value))
            {
                var options = ((CommandResult)result.Parent!).Command.Options.SelectMany(o => o.Aliases.Prepend(o.Name));
                result.AddError($"unknown option '{value}'{Suggestions.Hint(value, options)}");
                return;
            }
        }
    }
}
