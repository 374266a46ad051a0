using PolicyLang.Core.Parsing;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Services;

public enum FoldingRegionKind
{
    /// <summary>A <c>{ }</c> block or a <c>[ ]</c> list, from its opening to its closing bracket.</summary>
    Block,

    /// <summary>A block comment, or a run of line comments on consecutive lines.</summary>
    Comment,
}

public sealed record FoldingRegion(TextSpan Span, FoldingRegionKind Kind);

/// <summary>
/// The regions of a file an editor can fold: bracket pairs (from the tokens, so a file with syntax errors still folds)
/// and comments. Hosts keep the regions that span more than one line.
/// </summary>
public static class FoldingRegions
{
    public static IReadOnlyList<FoldingRegion> Of(PolicyFileSyntax syntax)
    {
        var regions = new List<FoldingRegion>();
        var open = new Stack<Token>();
        foreach (var token in syntax.Tokens)
        {
            if (token.Kind is TokenKind.LeftBrace or TokenKind.LeftBracket)
            {
                open.Push(token);
            }
            else if (token.Kind is TokenKind.RightBrace or TokenKind.RightBracket)
            {
                // An unmatched closer is a syntax error reported elsewhere; the pairs around it still fold.
                if (open.Count > 0 && Closes(open.Peek().Kind, token.Kind))
                {
                    var start = open.Pop().Span.Start;
                    regions.Add(new FoldingRegion(new TextSpan(start, token.Span.End - start), FoldingRegionKind.Block));
                }
            }
        }

        regions.AddRange(Comments(syntax));
        return [.. regions.OrderBy(r => r.Span.Start).ThenByDescending(r => r.Span.Length)];
    }

    private static bool Closes(TokenKind opener, TokenKind closer) =>
        (opener, closer) is (TokenKind.LeftBrace, TokenKind.RightBrace) or (TokenKind.LeftBracket, TokenKind.RightBracket);

    // Line comments separated only by a line break (and indentation) form one run.
    private static IEnumerable<FoldingRegion> Comments(PolicyFileSyntax syntax)
    {
        var text = syntax.File.Text;
        TextSpan? run = null;
        foreach (var comment in syntax.Comments)
        {
            if (comment.Kind == SyntaxTriviaKind.BlockComment)
            {
                if (run is { } pending)
                {
                    yield return new FoldingRegion(pending, FoldingRegionKind.Comment);
                    run = null;
                }

                yield return new FoldingRegion(comment.Span, FoldingRegionKind.Comment);
            }
            else if (run is { } current && OnlyOneLineBreakBetween(text, current.End, comment.Span.Start) && StartsLine(text, comment.Span.Start))
            {
                run = TextSpan.Cover(current, comment.Span);
            }
            else
            {
                if (run is { } previous)
                {
                    yield return new FoldingRegion(previous, FoldingRegionKind.Comment);
                }

                run = StartsLine(text, comment.Span.Start) ? comment.Span : null;
            }
        }

        if (run is { } last)
        {
            yield return new FoldingRegion(last, FoldingRegionKind.Comment);
        }
    }

    private static bool OnlyOneLineBreakBetween(string text, int from, int to)
    {
        var breaks = 0;
        for (var i = from; i < to; i++)
        {
            if (text[i] == '\n')
            {
                breaks++;
            }
            else if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }

        return breaks == 1;
    }

    // A comment after code on its line (`store x { } // note`) does not start a foldable run.
    private static bool StartsLine(string text, int offset)
    {
        for (var i = offset - 1; i >= 0 && text[i] != '\n'; i--)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
