namespace PolicyLang.Core.Diagnostics;

/// <summary>The one order diagnostics are reported in: file path (ordinal), then position, then code.</summary>
public static class DiagnosticOrder
{
    // Ordinal path order keeps output stable however the host globbed the files.
    public static IReadOnlyList<Diagnostic> Sort(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics
            .OrderBy(d => d.File.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Span.Start)
            .ThenBy(d => d.Span.Length)
            .ThenBy(d => d.Code, StringComparer.Ordinal)];
}
