using PolicyLang.Core.Parsing;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Services;

/// <summary>
/// Classifies every token and comment of a file for semantic highlighting, in source order, without overlaps. Names
/// get their role from the syntax tree (a word after <c>in</c> of a dataset is a store); words the tree does not name
/// are language words. Works on files with syntax errors (the skipped parts keep the lexical classes).
/// </summary>
public static class SemanticTokens
{
    public static IReadOnlyList<ClassifiedSpan> Classify(PolicyFileSyntax syntax)
    {
        var names = SemanticNames.Of(syntax);
        var result = new List<ClassifiedSpan>(syntax.Tokens.Count + syntax.Trivia.Count);
        var comments = syntax.Comments.GetEnumerator();
        var comment = comments.MoveNext() ? comments.Current : null;
        foreach (var token in syntax.Tokens)
        {
            while (comment is not null && comment.Span.Start < token.Span.Start)
            {
                result.Add(new ClassifiedSpan(comment.Span, SemanticTokenType.Comment, SemanticTokenModifiers.None));
                comment = comments.MoveNext() ? comments.Current : null;
            }

            if (Classify(token, names) is { } classified)
            {
                result.Add(classified);
            }
        }

        for (; comment is not null; comment = comments.MoveNext() ? comments.Current : null)
        {
            result.Add(new ClassifiedSpan(comment.Span, SemanticTokenType.Comment, SemanticTokenModifiers.None));
        }

        return result;
    }

    private static ClassifiedSpan? Classify(Token token, IReadOnlyDictionary<int, (SemanticTokenType Type, SemanticTokenModifiers Modifiers)> names)
    {
        if (names.TryGetValue(token.Span.Start, out var named))
        {
            return new ClassifiedSpan(token.Span, named.Type, named.Modifiers);
        }

        SemanticTokenType? type = token.Kind switch
        {
            TokenKind.Word => SemanticTokenType.Keyword,
            TokenKind.String => SemanticTokenType.String,
            TokenKind.Number or TokenKind.Percent or TokenKind.Date => SemanticTokenType.Number,
            TokenKind.Less or TokenKind.Greater or TokenKind.LessOrEqual or TokenKind.GreaterOrEqual or TokenKind.Equal or TokenKind.NotEqual => SemanticTokenType.Operator,
            _ => null,
        };
        return type is { } t ? new ClassifiedSpan(token.Span, t, SemanticTokenModifiers.None) : null;
    }
}
