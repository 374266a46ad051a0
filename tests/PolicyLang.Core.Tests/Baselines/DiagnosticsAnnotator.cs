using System.Text;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Tests.Baselines;

/// <summary>
/// Writes a source file with each diagnostic under the line it points at, underlining the text it
/// covers (first line of the span), so a baseline shows what is flagged rather than raw offsets.
/// </summary>
internal static class DiagnosticsAnnotator
{
    public static string Annotate(SourceFile file, IEnumerable<Diagnostic> diagnostics)
    {
        var byLine = diagnostics.Where(d => d.File == file).GroupBy(d => d.Start.Line).ToDictionary(g => g.Key, g => g.ToList());
        var builder = new StringBuilder();
        var lineCount = file.Text.EndsWith('\n') ? file.LineCount - 1 : file.LineCount;
        for (var line = 1; line <= Math.Max(lineCount, 1); line++)
        {
            var text = file.GetLineText(line);
            builder.Append(text).Append('\n');
            if (!byLine.TryGetValue(line, out var list))
            {
                continue;
            }

            foreach (var d in list)
            {
                var start = d.Start.Column;
                var width = d.End.Line == line ? Math.Max(1, d.End.Column - start) : Math.Max(1, text.Length - start + 1);
                builder.Append("//").Append(' ', Math.Max(0, start - 3)).Append('~', width)
                    .Append(' ').Append(d.Code).Append(' ').Append(d.Severity.ToString().ToLowerInvariant()).Append(": ").Append(d.Message).Append('\n');
            }
        }

        return builder.ToString();
    }
}
