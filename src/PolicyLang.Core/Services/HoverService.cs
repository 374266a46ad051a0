using PolicyLang.Core.Compilation;

namespace PolicyLang.Core.Services;

/// <summary>Markdown shown when the pointer rests on something, with the range it describes.</summary>
public sealed record HoverInfo(DocumentSpan Range, string Markdown);

/// <summary>
/// Hover: keywords and settings (one line from <see cref="KeywordDocs"/>), declared names (a declaration summary),
/// CIS safeguard ids (title, implementation groups, this policy's status and what covers it) and diagnostic codes.
/// </summary>
public static class HoverService
{
    /// <summary>What to show at <paramref name="offset"/> of the file at <paramref name="path"/>, or null for nothing.</summary>
    public static HoverInfo? GetHover(PolicyCompilation compilation, string path, int offset) => null;
}
