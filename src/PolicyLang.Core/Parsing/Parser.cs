using Pidgin;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Parsing;

/// <summary>
/// Text to syntax tree, one file at a time. Each top-level declaration is parsed on its own;
/// after an error the parser skips to the next token that starts a declaration at brace depth 0,
/// so one run reports the mistakes of every declaration.
/// </summary>
public static class PolicyParser
{
    public static ParseResult Parse(SourceFile file)
    {
        var (tokens, trivia, diagnostics) = Lexer.Lex(file);
        var declarations = new List<DeclarationSyntax>();
        var index = 0;
        while (index < tokens.Length)
        {
            var result = GovGrammar.Declaration.Parse(tokens.AsSpan(index));
            if (result.Success)
            {
                declarations.Add(result.Value.Declaration);
                index += result.Value.End;
                continue;
            }

            var errorIndex = index + Math.Max(result.Error!.ErrorOffset, 0);
            diagnostics.Add(SyntaxDiagnostics.FromParseError(file, tokens, errorIndex, result.Error));
            var resume = NextDeclarationStart(file, tokens, index, errorIndex);
            var skippedEnd = resume > index ? tokens[resume - 1].Span.End : tokens[index].Span.End;
            declarations.Add(Skipped(tokens, index, skippedEnd));
            index = resume;
        }

        var syntax = new PolicyFileSyntax(file, declarations, new TextSpan(0, file.Text.Length)) { Tokens = tokens, Trivia = trivia };
        return new ParseResult(syntax, [.. diagnostics.OrderBy(d => d.Span.Start)]);
    }

    private static SkippedDeclarationSyntax Skipped(Token[] tokens, int index, int end)
    {
        var first = tokens[index];
        var keyword = first.Kind == TokenKind.Word && GovGrammar.DeclarationKeywords.Contains(first.Text) ? first.Text : null;
        var name = keyword is not null && index + 1 < tokens.Length && tokens[index + 1].Kind == TokenKind.Word ? tokens[index + 1].Text : null;
        return new SkippedDeclarationSyntax(keyword, name, new TextSpan(first.Span.Start, end - first.Span.Start));
    }

    /// <summary>The first declaration keyword at brace depth 0 (or at a line start) after the error and after the failed declaration's first token.</summary>
    private static int NextDeclarationStart(SourceFile file, Token[] tokens, int declarationStart, int errorIndex)
    {
        var depth = 0;
        for (var i = declarationStart; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.LeftBrace)
            {
                depth++;
            }
            else if (token.Kind == TokenKind.RightBrace)
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (i > declarationStart && i >= errorIndex && (depth == 0 || StartsLine(file, tokens[i])) && StartsDeclaration(tokens, i))
            {
                return i;
            }
        }

        return tokens.Length;
    }

    // An unclosed `{` leaves depth above 0: a declaration keyword written at the start of a line still resumes.
    private static bool StartsLine(SourceFile file, Token token) =>
        token.Span.Start == 0 || file.Text[token.Span.Start - 1] == '\n';

    // `role` also appears inside `approval "who" role "..."`; only `role <name>` starts a declaration.
    private static bool StartsDeclaration(Token[] tokens, int i) =>
        tokens[i].Kind == TokenKind.Word
        && GovGrammar.DeclarationKeywords.Contains(tokens[i].Text)
        && (tokens[i].Text != "role" || (i + 1 < tokens.Length && tokens[i + 1].Kind == TokenKind.Word));
}

/// <summary>A file's syntax tree and its lexing and parsing diagnostics.</summary>
public sealed record ParseResult(PolicyFileSyntax Syntax, IReadOnlyList<Diagnostic> Diagnostics);
