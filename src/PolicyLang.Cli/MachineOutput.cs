using System.CommandLine;
using System.Runtime.CompilerServices;

namespace PolicyLang.Cli;

/// <summary>
/// Verbs whose output a program reads (SARIF, a JSON report) say how to report a failure in that
/// format, so a consumer that asked for JSON gets valid JSON describing the failure, never nothing
/// or a stale file.
/// </summary>
internal static class MachineOutput
{
    private static readonly ConditionalWeakTable<Command, Action<ParseResult, string>> Writers = new();

    public static T OnFailure<T>(this T command, Action<ParseResult, string> write)
        where T : Command
    {
        Writers.AddOrUpdate(command, write);
        return command;
    }

    public static void WriteFailure(ParseResult parse, string message)
    {
        if (!Writers.TryGetValue(parse.CommandResult.Command, out var write))
        {
            return;
        }

        try
        {
            write(parse, message);
        }
#pragma warning disable CA1031 // Best effort: the failure was already reported on stderr, and an option that failed to parse cannot be read back.
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }
}
