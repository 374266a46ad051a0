using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace PolicyLang.Cli;

/// <summary>
/// The "Exit codes" and "Examples" sections every verb's --help ends with. System.CommandLine prints
/// arguments, options and defaults; this adds what scripts and first-time users need next.
/// </summary>
internal static class VerbHelp
{
    private static readonly ConditionalWeakTable<Command, string> Footers = new();

    /// <summary>Attaches the exit codes (code, meaning) and examples (command lines) printed after the verb's help.</summary>
    public static T WithHelp<T>(this T command, (int Code, string Meaning)[] exitCodes, params string[] examples)
        where T : Command
    {
        var footer = new System.Text.StringBuilder();
        if (exitCodes.Length > 0)
        {
            footer.Append("Exit codes:\n");
            foreach (var (code, meaning) in exitCodes)
            {
                footer.Append($"  {code,3}  {meaning}\n");
            }

            footer.Append('\n');
        }

        footer.Append("Examples:\n");
        foreach (var example in examples)
        {
            footer.Append($"  {example}\n");
        }

        Footers.AddOrUpdate(command, footer.Append('\n').ToString());
        return command;
    }

    /// <summary>Makes --help print the footer of the command it was asked for, after the standard help.</summary>
    public static void Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new FooterHelpAction((HelpAction)help.Action!);
    }

    public static bool IsHelp(CommandLineAction? action) => action is FooterHelpAction;

    private sealed class FooterHelpAction(HelpAction standard) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            standard.Invoke(parseResult);
            if (Footers.TryGetValue(parseResult.CommandResult.Command, out var footer))
            {
                parseResult.InvocationConfiguration.Output.Write(footer);
            }

            return ExitCodes.Success;
        }
    }
}
