using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Formatting;
using PolicyLang.Core.Parsing;
using PolicyLang.Core.Text;
using Xunit;

namespace PolicyLang.Core.Tests.Formatting;

/// <summary>
/// What formatting must guarantee for any input (docs/formatter.md): a file with syntax errors is not formatted;
/// otherwise only whitespace changes (the same tokens and comments in the same order), the result is a fixed
/// point, keeps the file's line endings, and has no trailing spaces.
/// </summary>
internal static class FormatterProperties
{
    public static void AssertHold(SourceFile file)
    {
        var result = PolicyFormatter.Format(file);
        var parse = PolicyParser.Parse(file);
        if (parse.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            Assert.Null(result.Text);
            Assert.Equal(parse.Diagnostics.Select(d => d.ToCanonicalString()), result.Diagnostics.Select(d => d.ToCanonicalString()));
            return;
        }

        var formatted = Assert.IsType<string>(result.Text);
        var reformatted = new SourceFile(file.Path, formatted);
        Assert.Equal(Sequence(file), Sequence(reformatted));
        Assert.Equal(formatted, PolicyFormatter.Format(reformatted).Text);

        var lines = formatted.Split('\n');
        if (file.Text.IndexOf('\n', StringComparison.Ordinal) is var firstBreak and > 0 && file.Text[firstBreak - 1] == '\r')
        {
            Assert.All(lines.SkipLast(1), l => Assert.EndsWith("\r", l, StringComparison.Ordinal));
        }
        else
        {
            Assert.DoesNotContain("\r\n", formatted, StringComparison.Ordinal);
        }

        Assert.All(lines, l => Assert.Equal(l.TrimEnd('\r').TrimEnd(' ', '\t'), l.TrimEnd('\r')));
        Assert.True(formatted.Length == 0 || formatted.EndsWith('\n'), "the formatted file ends with a line break");
    }

    /// <summary>The tokens (as written) and comments (trailing spaces and line-break style aside) of a file, in order.</summary>
    public static List<string> Sequence(SourceFile file)
    {
        var syntax = PolicyParser.Parse(file).Syntax;
        var tokens = syntax.Tokens.Select(t => (t.Span.Start, Text: $"{t.Kind} {file.GetText(t.Span)}"));
        var comments = syntax.Comments.Select(c => (c.Span.Start, Text: "comment " + file.GetText(c.Span).ReplaceLineEndings("\n").TrimEnd()));
        return [.. tokens.Concat(comments).OrderBy(x => x.Start).Select(x => x.Text)];
    }
}
