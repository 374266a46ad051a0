namespace PolicyLang.Core.Text;

/// <summary>A range of characters in one source file.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    /// <summary>The smallest span covering both <paramref name="first"/> and <paramref name="last"/>.</summary>
    public static TextSpan Cover(TextSpan first, TextSpan last)
    {
        var start = Math.Min(first.Start, last.Start);
        return new TextSpan(start, Math.Max(first.End, last.End) - start);
    }

    public override string ToString() => $"[{Start}..{End})";
}
