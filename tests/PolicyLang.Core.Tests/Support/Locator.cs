using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Tests.Support;

/// <summary>Finds locations by the text they cover, so hand-built models point at real lines (tests assert by text, not offsets).</summary>
internal sealed class Locator(SourceFile file)
{
    public SourceFile File { get; } = file;

    /// <summary>The first occurrence of <paramref name="text"/> at or after <paramref name="after"/>'s text.</summary>
    public SourceLocation At(string text, string? after = null)
    {
        var from = after is null ? 0 : IndexOf(after, 0);
        var start = IndexOf(text, from);
        return new SourceLocation(File, new TextSpan(start, text.Length));
    }

    private int IndexOf(string text, int from)
    {
        var index = File.Text.IndexOf(text, from, StringComparison.Ordinal);
        return index >= 0 ? index : throw new InvalidOperationException($"`{text}` not found in {File.Path}");
    }
}
