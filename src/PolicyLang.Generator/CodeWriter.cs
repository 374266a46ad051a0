using System.Text;

namespace PolicyLang.Generator;

/// <summary>Indenting line writer for the executors (Core's writer is internal to Core's emitter).</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder builder = new();
    private int depth;

    public CodeWriter Line(string text = "")
    {
        builder.Append(text.Length == 0 ? string.Empty : new string(' ', depth * 4) + text).Append('\n');
        return this;
    }

    public void Open(string header)
    {
        Line(header);
        Line("{");
        depth++;
    }

    public void Close()
    {
        depth--;
        Line("}");
    }

    public override string ToString() => builder.ToString();
}
