using PolicyLang.Core.Compilation;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Services;

/// <summary>A quick fix (with the diagnostic it clears) or a refactoring (no diagnostic): edits across the policy's files.</summary>
public sealed record CodeAction(string Title, IReadOnlyList<TextEdit> Edits, Diagnostic? Diagnostic, bool IsPreferred);

/// <summary>
/// Code actions: every diagnostic that suggests a fix offers it as an edit, and applying it clears that diagnostic
/// (<see cref="CodeActionsFixes"/>); on a <c>retain</c> of a dataset without <c>key</c>, a key to declare
/// (<see cref="CodeActionsKey"/>); in a <c>controls</c> block, a <c>require</c> for each safeguard the policy covers
/// without requiring it (<see cref="CodeActionsRequire"/>).
/// </summary>
public static class CodeActionsService
{
    /// <summary>The actions for diagnostics touching <paramref name="range"/> of the file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<CodeAction> GetCodeActions(PolicyCompilation compilation, string path, TextSpan range)
    {
        var fixes = compilation.Diagnostics
            .Where(d => d.File.Path == path && d.Span.Start <= range.End && range.Start <= d.Span.End)
            .SelectMany(d => Fixes(compilation, d));
        return [.. fixes.Concat(CodeActionsKey.Propose(compilation, path, range)).Concat(CodeActionsRequire.Propose(compilation, path, range))];
    }

    /// <summary>The fixes of one diagnostic (empty when it suggests none).</summary>
    public static IReadOnlyList<CodeAction> Fixes(PolicyCompilation compilation, Diagnostic diagnostic) =>
        [.. new CodeActionsFixes(compilation, diagnostic).All().Where(a => a.Edits.Count > 0)];
}
