using PolicyLang.Core.Parsing;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Syntax;

/// <summary>One parsed `.gov` file. All files given together form one policy.</summary>
public sealed record PolicyFileSyntax(SourceFile File, IReadOnlyList<DeclarationSyntax> Declarations, TextSpan Span) : SyntaxNode(Span)
{
    /// <summary>Every token of the file in source order (what the grammar read; comments and whitespace are not tokens).</summary>
    public IReadOnlyList<Token> Tokens { get; init; } = [];

    /// <summary>Comments and blank lines in source order; with <see cref="Tokens"/> they account for every non-space character of the file.</summary>
    public IReadOnlyList<SyntaxTrivia> Trivia { get; init; } = [];

    /// <summary>The comments of <see cref="Trivia"/>.</summary>
    public IEnumerable<SyntaxTrivia> Comments => Trivia.Where(t => t.IsComment);

    public override T Accept<T>(ISyntaxVisitor<T> visitor) => visitor.VisitFile(this);
}
