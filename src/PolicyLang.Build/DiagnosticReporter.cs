using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PolicyLang.Core.Diagnostics;

namespace PolicyLang.Build;

/// <summary>
/// Sends GOV diagnostics through MSBuild's logger, so they print as canonical lines
/// (<c>/full/path/x.gov(12,5): error GOV0101: message</c>) with their end position and help link.
/// </summary>
internal sealed class DiagnosticReporter(TaskLoggingHelper log, WarningPolicy warnings, Func<string, string> fullPath)
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
        var (start, end) = (d.Start, d.End);
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
