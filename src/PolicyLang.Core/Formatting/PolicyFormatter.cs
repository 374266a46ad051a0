using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Parsing;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Formatting;

/// <summary>
/// The one canonical layout of a `.gov` file (docs/formatter.md). Pure: text in, text out, no I/O.
/// Only whitespace changes: the tokens and comments, and their order, are kept exactly; a file with
/// syntax errors is not formatted.
/// </summary>
public static class PolicyFormatter
{
    /// <summary>
    /// Formats <paramref name="file"/>. <see cref="FormatResult.Text"/> is null when the file has syntax
    /// errors (they are in <see cref="FormatResult.Diagnostics"/>, as `policyc check` reports them); it equals
    /// the input when the file is already formatted. Line endings follow the file's first line break.
    /// </summary>
    public static FormatResult Format(SourceFile file)
    {
        var parse = PolicyParser.Parse(file);
        if (parse.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return new FormatResult(null, parse.Diagnostics);
        }

        return new FormatResult(new LayoutWriter(parse.Syntax).Write(), parse.Diagnostics);
    }
}

/// <summary>The formatted text (null when the file has syntax errors) and the file's syntax diagnostics.</summary>
public sealed record FormatResult(string? Text, IReadOnlyList<Diagnostic> Diagnostics);
