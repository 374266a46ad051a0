using PolicyLang.Core.Text;

namespace PolicyLang.Core.Parsing;

public enum TokenKind
{
    Word,
    String,
    Number,
    Percent,
    Date,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    LeftParen,
    RightParen,
    Comma,
    Colon,
    Dot,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
    Equal,
    NotEqual,
}

/// <summary>
/// One lexeme. <see cref="Text"/> is the decoded value for strings (escapes applied) and the
/// source text otherwise; numbers keep their text so safeguard ids like <c>3.10</c> survive.
/// </summary>
public readonly record struct Token(TokenKind Kind, string Text, TextSpan Span)
{
    public bool IsWord(string word) => Kind == TokenKind.Word && Text == word;

    /// <summary>How the token reads in a message: words and symbols in backticks, strings quoted.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.String => $"string \"{Text}\"",
        _ => $"`{Text}`",
    };
}
