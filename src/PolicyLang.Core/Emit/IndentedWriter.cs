using System.Text;

namespace PolicyLang.Core.Emit;

/// <summary>Writes generated C# line by line with the current indentation; <c>#</c> directives stay in column 0.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder builder = new();
    private int depth;

    public IndentedWriter Line(string text = "")
    {
        if (text.Length == 0)
        {
            builder.Append('\n');
        }
        else if (text[0] == '#')
        {
            builder.Append(text).Append('\n');
        }
        else
        {
            builder.Append(' ', depth * 4).Append(text).Append('\n');
        }

        return this;
    }

    public IndentedWriter Open(string header)
    {
        Line(header);
        Line("{");
        depth++;
        return this;
    }

    public IndentedWriter Close(string suffix = "")
    {
        depth--;
        return Line("}" + suffix);
    }

    public void Indent() => depth++;

    public void Outdent() => depth--;

    public override string ToString() => builder.ToString();
}
