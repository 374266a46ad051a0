using PolicyLang.Core.Diagnostics;
using PolicyLang.Runtime.Reporting;

namespace PolicyLang.Cli;

/// <summary>Prints diagnostics in the chosen format and a closing count.</summary>
internal static class DiagnosticOutput
{
    public static void Write(IReadOnlyList<Diagnostic> diagnostics, string format, TextWriter output, TextWriter error)
    {
        if (format == "sarif")
        {
            output.WriteLine(SarifWriter.Write(diagnostics, Version));
        }
        else
        {
            foreach (var diagnostic in diagnostics)
            {
                output.WriteLine(diagnostic.ToCanonicalString());
            }
        }

        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        error.WriteLine($"{Plural.Of(errors, "error")}, {Plural.Of(warnings, "warning")}");
    }

    public static string Version =>
        typeof(DiagnosticOutput).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
