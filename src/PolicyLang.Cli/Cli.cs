using System.CommandLine;
using PolicyLang.Cli.Commands;

namespace PolicyLang.Cli;

/// <summary>The `policyc` command tree. Verbs parse arguments, call one stage and print; nothing else lives here.</summary>
internal static class Cli
{
    public static RootCommand Create() => new("policyc: governance policy as code. Check .gov policies, write their compliance documents, build and run their enforcement.")
    {
        CheckCommand.Create(),
        DocsCommand.Create(),
        BuildCommand.Create(),
        RunCommand.Create(),
        PlanCommand.Create(),
        InitDbCommand.Create(),
        TestCommand.Create(),
        AuditCommand.Create(),
        ExplainCommand.Create(),
        ParseCommand.Create(),
    };

    public static int Run(string[] args)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine($"policyc: {error.Message}");
            }

            Console.Error.WriteLine("Run 'policyc --help' for usage.");
            return ExitCodes.Usage;
        }

        return parse.Invoke();
    }

    /// <summary>As <see cref="Guard"/>, for verbs that do asynchronous work; a run error is exit code 2.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is UsageException or IOException or UnauthorizedAccessException or PolicyLang.Runtime.Stores.RunException)
        {
            Console.Error.WriteLine($"policyc: {e.Message}");
            return ExitCodes.Usage;
        }
    }

    /// <summary>Turns usage and I/O problems into a one-line message and exit code 2.</summary>
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is UsageException or IOException or UnauthorizedAccessException or PolicyLang.Runtime.Stores.RunException)
        {
            Console.Error.WriteLine($"policyc: {e.Message}");
            return ExitCodes.Usage;
        }
    }
}
