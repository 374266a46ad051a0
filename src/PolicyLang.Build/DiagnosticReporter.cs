using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PolicyLang.Core.Diagnostics;

namespace PolicyLang.Build;

/// <summary>
/// Sends GOV diagnostics through MSBuild's logger, so they print as canonical lines
/// (<c>/full/path/x.gov(12,5): error GOV0101: message</c>, the form `policyc check` prints) with their help link.
/// MSBuild prints a non-zero end position as <c>(12,5,12,9)</c>: still canonical, and editors underline the span, but
/// no longer the line policyc prints, so it is opt-in (<paramref name="endPositions"/>, PolicyLangDiagnosticEndPosition).
/// </summary>
internal sealed class DiagnosticReporter(TaskLoggingHelper log, WarningPolicy warnings, Func<string, string> fullPath, bool endPositions)
{
    public int Errors { get; private set; }

    public void Report(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Report(d, d.Severity);
        }
    }

    /// <param name="severity">The severity to report at; the task lowers GOV0502 to a warning when the project asks for it.</param>
    public void Report(Diagnostic d, DiagnosticSeverity severity)
    {
        var file = fullPath(d.File.Path);
        var start = d.Start;
        var end = endPositions ? d.End : default;
        // A non-null subcategory or a newline would change the canonical text editors and CI parse.
        var message = d.Message.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        var action = severity switch
        {
            DiagnosticSeverity.Error => WarningAction.Error,
            DiagnosticSeverity.Warning => warnings.For(d.Code),
            _ => WarningAction.Suppress,
        };
        switch (action)
        {
            case WarningAction.Error:
                Errors++;
                log.LogError(null, d.Code, null, d.Descriptor.HelpUri, file, start.Line, start.Column, end.Line, end.Column, message);
                break;
            case WarningAction.Warn:
                log.LogWarning(null, d.Code, null, d.Descriptor.HelpUri, file, start.Line, start.Column, end.Line, end.Column, message);
                break;
            default:
                if (severity == DiagnosticSeverity.Info)
                {
                    log.LogMessage(null, d.Code, null, file, start.Line, start.Column, end.Line, end.Column, MessageImportance.Normal, message);
                }

                break;
        }
    }
}
