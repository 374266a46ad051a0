using System.Globalization;
using System.Text;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Parsing;

/// <summary>
/// Step one: text to tokens. Newlines are insignificant to the grammar; comments and blank lines are
/// kept as <see cref="SyntaxTrivia"/> beside the tokens (the formatter and the language server need them).
/// Bad characters, unterminated strings and comments are reported and skipped so parsing goes on.
/// </summary>
internal sealed class Lexer(SourceFile file)
{
    private readonly string text = file.Text;
    private readonly List<Token> tokens = new(file.Text.Length / 4);
    private readonly List<Diagnostic> diagnostics = [];
    private readonly List<SyntaxTrivia> trivia = [];
    private int pos;

    public static (Token[] Tokens, List<Diagnostic> Diagnostics) Lex(SourceFile file)
    {
        var (tokens, _, diagnostics) = LexWithTrivia(file);
        return (tokens, diagnostics);
    }

    public static (Token[] Tokens, SyntaxTrivia[] Trivia, List<Diagnostic> Diagnostics) LexWithTrivia(SourceFile file)
    {
        var lexer = new Lexer(file);
        lexer.BlankLineAt(0);
        lexer.Run();
        return ([.. lexer.tokens], [.. lexer.trivia], lexer.diagnostics);
    }

    private void Run()
    {
        while (SkipTrivia())
        {
            var start = pos;
            var c = text[pos];
            // Non-ASCII letters are lexed into the word and reported once (Word), so the name still parses.
            if (char.IsLetter(c) || c == '_')
            {
                Word(start);
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && pos + 1 < text.Length && char.IsAsciiDigit(text[pos + 1])))
            {
                Number(start);
            }
            else if (c == '"')
            {
                String(start);
            }
            else
            {
                Symbol(start, c);
            }
        }
    }

    /// <summary>Skips whitespace and comments; false at end of text.</summary>
    private bool SkipTrivia()
    {
        while (pos < text.Length)
        {
            var c = text[pos];
            if (char.IsWhiteSpace(c) || c == ByteOrderMark)
            {
                pos++;
                if (c == '\n')
                {
                    BlankLineAt(pos);
                }
            }
            else if (c == '/' && Peek(1) == '/')
            {
                var start = pos;
                while (pos < text.Length && text[pos] != '\n')
                {
                    pos++;
                }

                var end = pos > start && text[pos - 1] == '\r' ? pos - 1 : pos;
                trivia.Add(new SyntaxTrivia(SyntaxTriviaKind.LineComment, new TextSpan(start, end - start)));
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var start = pos;
                var end = text.IndexOf("*/", pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    Report(SyntaxDiagnostics.UnterminatedComment, new TextSpan(pos, 2), "this block comment is never closed with `*/`");
                    pos = text.Length;
                }
                else
                {
                    pos = end + 2;
                }

                trivia.Add(new SyntaxTrivia(SyntaxTriviaKind.BlockComment, new TextSpan(start, pos - start)));
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    private const char ByteOrderMark = '\uFEFF';

    /// <summary>Records the line starting at <paramref name="lineStart"/> when it holds only whitespace (not the empty "line" after a final newline).</summary>
    private void BlankLineAt(int lineStart)
    {
        var end = lineStart;
        while (end < text.Length && text[end] is ' ' or '\t' or ByteOrderMark)
        {
            end++;
        }

        var blank = end < text.Length ? text[end] == '\n' || (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n') : end > lineStart;
        if (blank)
        {
            trivia.Add(new SyntaxTrivia(SyntaxTriviaKind.BlankLine, new TextSpan(lineStart, end - lineStart)));
        }
    }

    private const int MaxShownCharacters = 20;

    private char Peek(int ahead) => pos + ahead < text.Length ? text[pos + ahead] : '\0';

    // Words: identifiers, keywords with '-' (storage-class), framework ids (nist-csf-1.1).
    private void Word(int start)
    {
        var dashed = false;
        var firstNonAscii = -1;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                if (!char.IsAscii(c) && firstNonAscii < 0)
                {
                    firstNonAscii = pos;
                }

                pos++;
            }
            else if (c == '-' && char.IsAsciiLetterOrDigit(Peek(1)))
            {
                dashed = true;
                pos++;
            }
            else if (c == '.' && dashed && char.IsAsciiDigit(Peek(1)))
            {
                // INVARIANT: a dot continues a word only in dashed ids (nist-csf-1.1); gaia.col stays three tokens.
                pos++;
            }
            else
            {
                break;
            }
        }

        Add(TokenKind.Word, start);
        if (firstNonAscii >= 0)
        {
            Report(
                SyntaxDiagnostics.UnexpectedCharacter,
                new TextSpan(start, pos - start),
                $"`{Shown(text[start..pos])}` contains `{text[firstNonAscii]}`: names are written with ASCII letters, digits and `_`");
        }
    }

    private void Number(int start)
    {
        if (text[pos] == '-')
        {
            pos++;
        }

        var intStart = pos;
        SkipDigits();
        if (text[start] != '-' && Peek(0) == '/' && char.IsAsciiDigit(Peek(1)))
        {
            SlashedDate(start);
            return;
        }

        if (pos - intStart == 4 && text[start] != '-' && Peek(0) == '-' && char.IsAsciiDigit(Peek(1)))
        {
            Date(start);
            return;
        }

        if (Peek(0) == '.' && char.IsAsciiDigit(Peek(1)))
        {
            pos++;
            SkipDigits();
        }

        if (Peek(0) == '%')
        {
            pos++;
            Add(TokenKind.Percent, start);
            return;
        }

        Add(TokenKind.Number, start);
    }

    // yyyy-mm-dd; the binder checks that the date exists.
    private void Date(int start)
    {
        for (var part = 0; part < 2 && Peek(0) == '-' && char.IsAsciiDigit(Peek(1)); part++)
        {
            pos++;
            SkipDigits();
        }

        Add(TokenKind.Date, start);
    }

    // 27/07/2025 or 2025/07/27: lexed as one date so the binder reports it once, with the expected form.
    private void SlashedDate(int start)
    {
        while (Peek(0) == '/' && char.IsAsciiDigit(Peek(1)))
        {
            pos++;
            SkipDigits();
        }

        Add(TokenKind.Date, start);
    }

    private void SkipDigits()
    {
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }
    }

    private void String(int start)
    {
        pos++;
        var value = new StringBuilder();
        while (pos < text.Length && text[pos] != '"' && text[pos] != '\n')
        {
            if (text[pos] == '\\' && pos + 1 < text.Length)
            {
                var escaped = text[pos + 1];
                switch (escaped)
                {
                    case '"': value.Append('"'); break;
                    case '\\': value.Append('\\'); break;
                    case 'n': value.Append('\n'); break;
                    case 't': value.Append('\t'); break;
                    default: value.Append('\\').Append(escaped); break; // kept as written, so regexes read naturally
                }

                pos += 2;
            }
            else
            {
                value.Append(text[pos++]);
            }
        }

        if (pos >= text.Length || text[pos] != '"')
        {
            Report(SyntaxDiagnostics.UnterminatedString, new TextSpan(start, pos - start), "this string is never closed with `\"`");
        }
        else
        {
            pos++;
        }

        tokens.Add(new Token(TokenKind.String, value.ToString(), new TextSpan(start, pos - start)));
    }

    private void Symbol(int start, char c)
    {
        var two = Peek(1) == '=';
        TokenKind? kind = c switch
        {
            '{' => TokenKind.LeftBrace,
            '}' => TokenKind.RightBrace,
            '[' => TokenKind.LeftBracket,
            ']' => TokenKind.RightBracket,
            '(' => TokenKind.LeftParen,
            ')' => TokenKind.RightParen,
            ',' => TokenKind.Comma,
            ':' => TokenKind.Colon,
            '.' => TokenKind.Dot,
            '<' => two ? TokenKind.LessOrEqual : TokenKind.Less,
            '>' => two ? TokenKind.GreaterOrEqual : TokenKind.Greater,
            '=' => TokenKind.Equal,
            '!' when two => TokenKind.NotEqual,
            _ => null,
        };
        if (kind is null)
        {
            Unexpected(start);
            return;
        }

        pos += kind is TokenKind.LessOrEqual or TokenKind.GreaterOrEqual or TokenKind.NotEqual ? 2 : 1;
        Add(kind.Value, start);
    }

    // A run of characters outside the language (`;;`, an emoji, pasted text) is one diagnostic, not one per character.
    private void Unexpected(int start)
    {
        pos++;
        while (pos < text.Length && !char.IsWhiteSpace(text[pos]) && !StartsToken(text[pos], Peek(1)))
        {
            pos++;
        }

        var run = text[start..pos];
        var what = run.Length == 1 ? "character" : "characters";
        Report(SyntaxDiagnostics.UnexpectedCharacter, new TextSpan(start, pos - start), $"unexpected {what} `{Shown(run)}`");
    }

    private static bool StartsToken(char c, char next) =>
        char.IsLetter(c) || char.IsAsciiDigit(c) || c is '_' or '"' || (c == '/' && next is '/' or '*') || (c == '-' && char.IsAsciiDigit(next))
        || c is '{' or '}' or '[' or ']' or '(' or ')' or ',' or ':' or '.' or '<' or '>' or '=' || (c == '!' && next == '=');

    /// <summary>Text for a message: invisible characters as U+XXXX, long runs cut.</summary>
    private static string Shown(string run)
    {
        var runes = run.EnumerateRunes().ToList();
        var shown = string.Concat(runes.Take(MaxShownCharacters).Select(r => Rune.IsControl(r) || Rune.GetUnicodeCategory(r) is UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            ? $"U+{r.Value:X4}"
            : r.ToString()));
        return runes.Count > MaxShownCharacters ? shown + "…" : shown;
    }

    private void Add(TokenKind kind, int start) =>
        tokens.Add(new Token(kind, text[start..pos], new TextSpan(start, pos - start)));

    private void Report(DiagnosticDescriptor descriptor, TextSpan span, string message) =>
        diagnostics.Add(new Diagnostic(descriptor, message, file, span));
}
