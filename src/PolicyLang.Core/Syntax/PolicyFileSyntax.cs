using PolicyLang.Core.Text;

namespace PolicyLang.Core.Syntax;

/// <summary>One parsed `.gov` file. All files given together form one policy.</summary>
public sealed record PolicyFileSyntax(SourceFile File, IReadOnlyList<DeclarationSyntax> Declarations, TextSpan Span) : SyntaxNode(Span)
{
    public override T Accept<T>(ISyntaxVisitor<T> visitor) => visitor.VisitFile(this);
}
