using System.CommandLine;
using PolicyLang.Core.Diagnostics;

namespace PolicyLang.Cli.Commands;

/// <summary>`policyc explain GOV0123`: the catalogue entry for a code; without a code, the list.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var code = new Argument<string?>("code") { Description = "A diagnostic code such as GOV0001; omit it to list every code.", DefaultValueFactory = _ => null };
        var command = new Command("explain", "Explain a diagnostic code, with an example that triggers it.") { code };
        command.SetAction(result => Cli.Guard(result, () =>
        {
            var wanted = result.GetValue(code);
            if (wanted is null)
            {
                foreach (var d in DiagnosticCatalog.All)
                {
                    Console.WriteLine($"{d.Code}  {d.Severity.ToString().ToLowerInvariant(),-7}  {d.Title}");
                }

                return ExitCodes.Success;
            }

            var descriptor = DiagnosticCatalog.Find(wanted.Trim())
                ?? throw new UsageException($"unknown diagnostic code '{wanted}'{Suggestions.Hint(wanted.Trim().ToUpperInvariant(), DiagnosticCatalog.All.Select(d => d.Code))}");
            Console.Write(DiagnosticCatalog.RenderEntry(descriptor));
            return ExitCodes.Success;
        }));
        return command.WithHelp(
            [(ExitCodes.Success, "explained (or listed)"), (ExitCodes.Usage, "unknown code")],
            "policyc explain GOV0401",
            "policyc explain");
    }
}
