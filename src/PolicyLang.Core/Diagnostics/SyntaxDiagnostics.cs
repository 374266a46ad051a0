using System.Text.RegularExpressions;
using Pidgin;
using PolicyLang.Core.Parsing;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Diagnostics;

/// <summary>Lexing and parsing diagnostics: GOV0001–GOV0099.</summary>
public static partial class SyntaxDiagnostics
{
    public static readonly DiagnosticDescriptor UnexpectedToken = new(
        "GOV0001",
        DiagnosticSeverity.Error,
        "Syntax error",
        "The parser met a token it cannot accept at this point. The message names what was found and what the grammar expects there; parsing resumes at the next member line or `}` of the block (or at the next declaration), so later mistakes, in the same block too, are still reported.",
        "store research postgres { connection env(\"LAB_PG_URL\") tsl required }");

    public static readonly DiagnosticDescriptor UnexpectedCharacter = new(
        "GOV0002",
        DiagnosticSeverity.Error,
        "Unexpected character",
        "A character that is not part of the language (outside a string or comment). A run of them is reported once and skipped; a name with non-ASCII letters (`données`) is kept as written, so its later uses are not reported again, but names are written with ASCII letters, digits and `_`.",
        "role researcher \"Research staff\" ;");

    public static readonly DiagnosticDescriptor UnterminatedString = new(
        "GOV0003",
        DiagnosticSeverity.Error,
        "Unterminated string",
        "A string must close with `\"` on the same line. Write `\\\"` for a quote inside a string.",
        "role researcher \"Research staff");

    public static readonly DiagnosticDescriptor UnterminatedComment = new(
        "GOV0004",
        DiagnosticSeverity.Error,
        "Unterminated block comment",
        "A `/*` comment runs to the end of the file because it is never closed with `*/`.",
        "role researcher /* the research staff");

    /// <summary>The grammar's label for a string literal (ValueGrammar).</summary>
    internal const string StringLabel = "a string";

    internal static Diagnostic FromParseError(SourceFile file, Token[] tokens, int errorIndex, ParseError<Token> error)
    {
        var found = errorIndex < tokens.Length ? tokens[errorIndex] : (Token?)null;
        var span = found?.Span ?? (tokens.Length > 0 ? new TextSpan(tokens[^1].Span.End, 0) : new TextSpan(file.Text.Length, 0));
        var expected = error.Expected
            .Select(e => e.Label)
            .OfType<string>()
            .Distinct()
            .ToArray();
        var what = found is { } token ? $"unexpected {token.Describe()}" : "unexpected end of file";
        var message = expected.Length == 0 ? what : $"{what}; expected {string.Join(" or ", expected)}";
        if (found is { Kind: TokenKind.Word or TokenKind.Number } bare && expected.Contains(StringLabel))
        {
            message += $"; write it in quotes: `\"{bare.Text}\"`";
        }
        else if (found is { Kind: TokenKind.Word } word && !expected.SelectMany(KeywordsIn).Contains(word.Text))
        {
            message += Suggestions.Hint(word.Text, expected.SelectMany(KeywordsIn));
        }

        return new Diagnostic(UnexpectedToken, message, file, span);
    }

    // Keywords named by labels: "`retain`", "`passes` or `fails <rule>`" and "a store setting (connection, tls, ...)".
    private static IEnumerable<string> KeywordsIn(string label) =>
        QuotedWord().Matches(label).Select(m => m.Groups[1].Value)
            .Concat(Parenthesised().Matches(label).SelectMany(m => m.Groups[1].Value.Split(", ")));

    [GeneratedRegex("`([a-z][a-z0-9-]*)[` ]")]
    private static partial Regex QuotedWord();

    [GeneratedRegex(@"\(([a-z0-9, -]+)\)")]
    private static partial Regex Parenthesised();
}
