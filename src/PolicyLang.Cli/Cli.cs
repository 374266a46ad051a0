using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using PolicyLang.Cli.Commands;
using PolicyLang.Core.Diagnostics;

namespace PolicyLang.Cli;

/// <summary>The `policyc` command tree. Verbs parse arguments, call one stage and print; nothing else lives here.</summary>
internal static partial class Cli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("policyc: governance policy as code. Check .gov policies, write their compliance documents, build and run their enforcement.")
        {
            CheckCommand.Create(),
            DocsCommand.Create(),
            BuildCommand.Create(),
            RunCommand.Create(),
            PlanCommand.Create(),
            ScheduleCommand.Create(),
            InitDbCommand.Create(),
            TestCommand.Create(),
            AuditCommand.Create(),
            HistoryCommand.Create(),
            ExplainCommand.Create(),
            ParseCommand.Create(),
            FmtCommand.Create(),
            InitCommand.Create(),
            LspCommand.Create(),
        };
        root.WithHelp(
            [(ExitCodes.Success, "success"), (ExitCodes.Failed, "the policy has errors, a test failed, or a run found an error-severity rule failing"), (ExitCodes.Usage, "usage, input/output, connection or run failure (one line on stderr says which)")],
            "policyc check examples/astronomy-lab",
            "policyc docs examples/astronomy-lab -o out/docs",
            "policyc run examples/quickstart --json out/report.json",
            "policyc <verb> --help");
        VerbHelp.Install(root);
        return root;
    }

    /// <summary>How long a cancelled verb may take to stop cleanly before the process ends anyway.</summary>
    private static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(10);

    public static int Run(string[] args)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0 && !VerbHelp.IsHelp(parse.Action))
        {
            var message = ParseErrorMessage(parse);
            Console.Error.WriteLine($"policyc: {message}");
            Console.Error.WriteLine($"Run '{CommandLine(parse.CommandResult)} --help' for usage.");
            MachineOutput.WriteFailure(parse, message);
            return ExitCodes.Usage;
        }

        // Failures are reported by Guard as one line; the default handler would print a stack trace and exit 1.
        // On Ctrl-C or SIGTERM a verb gets time to finish or roll back the step in progress and write its report.
        return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = InterruptGrace });
    }

    /// <summary>Runs a verb's work; any failure becomes one line on stderr (and a valid machine-readable failure where one was asked for) and exit code 2.</summary>
    public static async Task<int> GuardAsync(ParseResult parse, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("policyc: interrupted");
            MachineOutput.WriteFailure(parse, "interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            var message = e is UsageException or IOException or UnauthorizedAccessException or PolicyLang.Runtime.Stores.RunException
                ? e.Message
                : $"unexpected error ({e.GetType().Name}): {e.Message}; set POLICYLANG_TRACE=1 for details and please report it";
            Console.Error.WriteLine($"policyc: {message}");
            if (Environment.GetEnvironmentVariable("POLICYLANG_TRACE") == "1")
            {
                Console.Error.WriteLine(e);
            }

            MachineOutput.WriteFailure(parse, message);
            return ExitCodes.Usage;
        }
    }

    /// <summary>As <see cref="GuardAsync"/>, for verbs whose work is synchronous.</summary>
    public static int Guard(ParseResult parse, Func<int> action) =>
        GuardAsync(parse, () => Task.FromResult(action())).GetAwaiter().GetResult();

    /// <summary>One line for what went wrong on the command line, with a "did you mean" where a near name exists.</summary>
    private static string ParseErrorMessage(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var verbs = command.Subcommands.Select(c => c.Name).ToList();
        var unmatched = parse.UnmatchedTokens.FirstOrDefault();
        if (unmatched is not null && unmatched.StartsWith('-'))
        {
            var options = command.Options.Concat(parse.RootCommandResult.Command.Options.Where(o => o.Recursive)).SelectMany(o => o.Aliases.Prepend(o.Name));
            return $"unknown option '{unmatched}'{Suggestions.Hint(unmatched, options)}";
        }

        if (verbs.Count > 0)
        {
            var choose = $"verbs: {string.Join(", ", verbs)}";
            return unmatched is null
                ? $"'{CommandLine(parse.CommandResult)}' needs a verb ({choose})"
                : $"unknown verb '{unmatched}'{Suggestions.Hint(unmatched, verbs)} ({choose})";
        }

        // An unknown option also leaves its value unmatched; naming the option is the one message that helps.
        var messages = parse.Errors.Select(e => Whitespace().Replace(e.Message, " ").Trim()).Distinct().ToList();
        return messages.FirstOrDefault(m => m.StartsWith("unknown option", StringComparison.Ordinal)) ?? string.Join("; ", messages);
    }

    private static string CommandLine(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Insert(0, c.Command is RootCommand ? "policyc" : c.Command.Name);
            }
        }

        return string.Join(' ', names);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
