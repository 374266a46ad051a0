namespace PolicyLang.Core.Text;

/// <summary>One `.gov` file's path and text, with a line map for 1-based line/column positions.</summary>
public sealed class SourceFile
{
    private readonly int[] lineStarts;

    public SourceFile(string path, string text)
    {
        Path = path;
        Text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        lineStarts = [.. starts];
    }

    public string Path { get; }

    public string Text { get; }

    public int LineCount => lineStarts.Length;

    /// <summary>1-based line and column of <paramref name="offset"/>.</summary>
    public LinePosition GetPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var line = Array.BinarySearch(lineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new LinePosition(line + 1, offset - lineStarts[line] + 1);
    }

    /// <summary>The text of 1-based <paramref name="line"/>, without its line break.</summary>
    public string GetLineText(int line)
    {
        var start = lineStarts[line - 1];
        var end = line < lineStarts.Length ? lineStarts[line] : Text.Length;
        return Text[start..end].TrimEnd('\n', '\r');
    }

    public string GetText(TextSpan span) => Text.Substring(span.Start, Math.Min(span.Length, Text.Length - span.Start));
}

/// <summary>A 1-based line and column.</summary>
public readonly record struct LinePosition(int Line, int Column);
