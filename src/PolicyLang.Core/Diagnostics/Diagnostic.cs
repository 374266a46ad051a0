using PolicyLang.Core.Text;

namespace PolicyLang.Core.Diagnostics;

public enum DiagnosticSeverity
{
    Error,
    Warning,
    Info,
}

/// <summary>A second location of a diagnostic and what it is (<c>first declared here</c>).</summary>
public sealed record RelatedLocation(SourceFile File, TextSpan Span, string Message);

/// <summary>A located problem in a policy. User errors are reported as diagnostics, never thrown.</summary>
public sealed record Diagnostic(
    DiagnosticDescriptor Descriptor,
    string Message,
    SourceFile File,
    TextSpan Span,
    string? Help = null)
{
    /// <summary>
    /// The message on one line: a line break quoted from the source (a <c>description</c> with a newline) is written <c>\n</c>, so the
    /// canonical form stays one line per diagnostic for MSBuild, CI logs and scripts.
    /// </summary>
    public string Message { get; init; } = OneLine(Message);

    public string Code => Descriptor.Code;

    public DiagnosticSeverity Severity => Descriptor.Severity;

    public LinePosition Start => File.GetPosition(Span.Start);

    public LinePosition End => File.GetPosition(Span.End);

    /// <summary>A second place the diagnostic is about (the first declaration of a duplicate), for editors; none by default.</summary>
    public RelatedLocation? Related { get; init; }

    /// <summary>MSBuild's canonical form: <c>file(line,col): error GOV0000: message</c>.</summary>
    public string ToCanonicalString()
    {
        var severity = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        return $"{File.Path}({Start.Line},{Start.Column}): {severity} {Code}: {Message}";
    }

    public override string ToString() => ToCanonicalString();

    private static string OneLine(string message) =>
        message.Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
