using Pidgin;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;
using static PolicyLang.Core.Parsing.GrammarPrimitives;

namespace PolicyLang.Core.Parsing;

/// <summary>How a declaration begins: a whole declaration without a block, or an open block.</summary>
internal abstract record DeclarationStart;

internal sealed record WholeDeclaration(DeclarationSyntax Declaration) : DeclarationStart;

/// <summary>A block declaration whose header (up to <c>{</c>) is parsed; <see cref="Build"/> makes it from its members and span.</summary>
internal sealed record OpenBlock(BlockForm Form, Func<IReadOnlyList<SyntaxNode>, TextSpan, DeclarationSyntax> Build) : DeclarationStart;

/// <summary>
/// What a block holds: its member production, how messages name a member, and the words members start with
/// (where the parser resumes after a bad member).
/// </summary>
internal sealed class BlockForm(Parser<Token, SyntaxNode> member, string memberLabel, IReadOnlyList<string> keywords)
{
    /// <summary>One member, and the token offset just after it.</summary>
    public Parser<Token, (SyntaxNode Member, int End)> Member { get; } =
        member.Then(Parser<Token>.CurrentOffset, (node, end) => (node, end));

    /// <summary>The closing brace, labelled with what a member may be: the error when a member cannot even start.</summary>
    public Parser<Token, Token> Close { get; } = Tok(TokenKind.RightBrace, $"{memberLabel} or `}}`");

    public IReadOnlyList<string> Keywords { get; } = keywords;
}
