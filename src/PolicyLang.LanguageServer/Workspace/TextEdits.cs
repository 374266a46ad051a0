using PolicyLang.LanguageServer.Protocol;

namespace PolicyLang.LanguageServer.Workspace;

/// <summary>Applies <c>didChange</c> content changes in order: full replacements and range edits (incremental sync).</summary>
public static class TextEdits
{
    public static string Apply(string text, IReadOnlyList<TextDocumentContentChangeEvent> changes, PositionEncoding encoding)
    {
        foreach (var change in changes)
        {
            if (change.Range is null)
            {
                text = change.Text ?? string.Empty;
                continue;
            }

            var lines = new TextLines(text);
            var start = lines.ToOffset(change.Range.Start, encoding);
            var end = Math.Max(start, lines.ToOffset(change.Range.End, encoding));
            text = string.Concat(text.AsSpan(0, start), change.Text, text.AsSpan(end));
        }

        return text;
    }
}
