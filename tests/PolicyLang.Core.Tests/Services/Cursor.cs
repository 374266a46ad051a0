using PolicyLang.Core.Compilation;
using PolicyLang.Core.Tests.Support;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Tests.Services;

/// <summary>Policy text with the cursor written as <c>$$</c>, compiled as lab.gov (or with other files beside it).</summary>
internal sealed record Cursor(PolicyCompilation Compilation, string Path, int Offset)
{
    public const string Marker = "$$";

    public static Cursor In(string textWithMarker, params (string Path, string Text)[] others)
    {
        var offset = textWithMarker.IndexOf(Marker, StringComparison.Ordinal);
        if (offset < 0)
        {
            throw new ArgumentException("no $$ cursor in the text");
        }

        var text = textWithMarker.Remove(offset, Marker.Length);
        var files = others.Select(o => new SourceFile(o.Path, o.Text)).Prepend(new SourceFile("lab.gov", text)).ToList();
        return new Cursor(PolicyCompilation.Create(files, Compile.Today), "lab.gov", offset);
    }

    /// <summary>The lab policy with the cursor placed at the <paramref name="occurrence"/>-th match of <paramref name="find"/>, plus <paramref name="delta"/> characters.</summary>
    public static Cursor InLab(string find, int delta = 0, int occurrence = 1)
    {
        var text = Compile.LabText();
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = text.IndexOf(find, index + 1, StringComparison.Ordinal);
            if (index < 0)
            {
                throw new ArgumentException($"lab.gov has no occurrence {occurrence} of `{find}`");
            }
        }

        return new Cursor(Compile.Lab(), "lab.gov", index + delta);
    }

    /// <summary>lab.gov with <paramref name="text"/> appended, the cursor at its <c>$$</c>.</summary>
    public static Cursor AfterLab(string text) => In(Compile.LabText() + "\n" + text);
}
