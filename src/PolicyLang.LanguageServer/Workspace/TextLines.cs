using System.Text;
using PolicyLang.LanguageServer.Protocol;

namespace PolicyLang.LanguageServer.Workspace;

/// <summary>
/// Converts between string offsets and LSP positions. Lines end at <c>\n</c>, <c>\r\n</c> or <c>\r</c> (as LSP defines);
/// characters count in the negotiated encoding. Positions outside the text are clamped, never thrown on: a client's
/// stale position must not fail a request.
/// </summary>
public sealed class TextLines
{
    private readonly string text;
    private readonly int[] starts;

    public TextLines(string text)
    {
        this.text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                starts.Add(i + 1);
            }
        }

        this.starts = [.. starts];
    }

    public int Count => starts.Length;

    public Position ToPosition(int offset, PositionEncoding encoding)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var line = LineOf(offset);
        var start = starts[line];
        // Never between the halves of a surrogate pair or of \r\n: such a position does not exist in the client.
        if (offset > start && offset < text.Length && char.IsLowSurrogate(text[offset]) && char.IsHighSurrogate(text[offset - 1]))
        {
            offset--;
        }

        var character = encoding == PositionEncoding.Utf8
            ? Encoding.UTF8.GetByteCount(text.AsSpan(start, offset - start))
            : offset - start;
        return new Position(line, character);
    }

    public int ToOffset(Position position, PositionEncoding encoding)
    {
        if (position.Line < 0)
        {
            return 0;
        }

        if (position.Line >= starts.Length)
        {
            return text.Length;
        }

        var start = starts[position.Line];
        var end = LineContentEnd(position.Line);
        var character = Math.Max(position.Character, 0);
        if (encoding == PositionEncoding.Utf16)
        {
            return Math.Min(start + character, end);
        }

        var offset = start;
        var bytes = 0;
        while (offset < end)
        {
            var width = char.IsHighSurrogate(text[offset]) && offset + 1 < end ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(offset, width));
            if (bytes + size > character)
            {
                break;
            }

            bytes += size;
            offset += width;
        }

        return offset;
    }

    public Range ToRange(int start, int end, PositionEncoding encoding) => new(ToPosition(start, encoding), ToPosition(end, encoding));

    /// <summary>The pieces of [<paramref name="start"/>, <paramref name="end"/>) on each line it touches, line breaks left out.</summary>
    public IEnumerable<(int Start, int End)> SplitByLine(int start, int end)
    {
        var line = LineOf(start);
        while (start < end)
        {
            var pieceEnd = Math.Min(end, LineContentEnd(line));
            if (pieceEnd > start)
            {
                yield return (start, pieceEnd);
            }

            if (++line >= starts.Length)
            {
                yield break;
            }

            start = starts[line];
        }
    }

    private int LineOf(int offset)
    {
        var line = Array.BinarySearch(starts, Math.Clamp(offset, 0, text.Length));
        return line < 0 ? ~line - 1 : line;
    }

    // The end of a line's text, before its line break.
    private int LineContentEnd(int line)
    {
        var end = line + 1 < starts.Length ? starts[line + 1] : text.Length;
        if (end > starts[line] && end <= text.Length && line + 1 < starts.Length)
        {
            end--;
            if (text[end] == '\n' && end > starts[line] && text[end - 1] == '\r')
            {
                end--;
            }
        }

        return end;
    }
}
