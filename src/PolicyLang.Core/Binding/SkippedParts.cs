using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

/// <summary>
/// What block members that failed to parse may have said. Their syntax error is already reported, so the binder
/// does not also report as missing or undeclared what they may have declared: one mistake, one diagnostic.
/// </summary>
internal static class SkippedParts
{
    /// <summary>
    /// Whether a member of <paramref name="declaration"/>'s block failed to parse: the block is then not checked for
    /// settings it lacks (the author's attention belongs to the syntax error first).
    /// </summary>
    public static bool IsIncomplete(this DeclarationSyntax declaration) => declaration.SkippedMembers.Count > 0;

    /// <summary>Whether a skipped member of <paramref name="declaration"/> may have been a <paramref name="keyword"/> member.</summary>
    public static bool MayHave(this DeclarationSyntax declaration, string keyword) =>
        declaration.SkippedMembers.Any(s => s.MayBe(keyword));

    /// <summary>Whether a skipped member of <paramref name="dataset"/> may have declared column <paramref name="name"/>.</summary>
    public static bool MayDeclareColumn(this DatasetDeclarationSyntax dataset, string name) =>
        dataset.SkippedMembers.Any(s => s.MayBe("column") && (s.Keyword is null || s.Name is null || s.Name == name));
}
