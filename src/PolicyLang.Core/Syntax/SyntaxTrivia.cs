using PolicyLang.Core.Text;

namespace PolicyLang.Core.Syntax;

/// <summary>What the lexer keeps besides tokens, for the formatter and the language server.</summary>
public enum SyntaxTriviaKind
{
    /// <summary><c>// ...</c> up to the end of its line (the line break and a <c>\r</c> before it are not part of it).</summary>
    LineComment,

    /// <summary><c>/* ... */</c>, possibly over several lines; an unclosed one runs to the end of the file.</summary>
    BlockComment,

    /// <summary>A line holding only whitespace; its span covers that whitespace (often empty).</summary>
    BlankLine,
}

/// <summary>A comment or a blank line, in source order alongside the tokens of <see cref="PolicyFileSyntax"/>.</summary>
public sealed record SyntaxTrivia(SyntaxTriviaKind Kind, TextSpan Span)
{
    public bool IsComment => Kind != SyntaxTriviaKind.BlankLine;
}
