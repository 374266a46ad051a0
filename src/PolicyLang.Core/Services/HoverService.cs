using System.Text.RegularExpressions;
using PolicyLang.Core.Compilation;
using PolicyLang.Core.Controls;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Parsing;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Services;

/// <summary>Markdown shown when the pointer rests on something, with the range it describes.</summary>
public sealed record HoverInfo(DocumentSpan Range, string Markdown);

/// <summary>
/// Hover: keywords and settings (one line from <see cref="KeywordDocs"/>), declared names (a declaration summary),
/// CIS safeguard ids (title, implementation groups, this policy's status and what covers it) and diagnostic codes
/// (the <c>explain</c> text of the diagnostics under the pointer, or of a <c>GOV0000</c> code written in a comment).
/// </summary>
public static partial class HoverService
{
    /// <summary>What to show at <paramref name="offset"/> of the file at <paramref name="path"/>, or null for nothing.</summary>
    public static HoverInfo? GetHover(PolicyCompilation compilation, string path, int offset)
    {
        var file = compilation.Syntax.Select(s => s.Syntax.File).FirstOrDefault(f => f.Path == path);
        if (file is null)
        {
            return null;
        }

        var (span, text) = Subject(compilation, file, offset);
        var diagnostics = compilation.Diagnostics
            .Where(d => d.File.Path == path && d.Span.Start <= offset && offset <= d.Span.End)
            .Select(d => $"**{d.Code}** {d.Descriptor.Title} ({d.Severity.ToString().ToLowerInvariant()}): {d.Descriptor.Explanation}")
            .Distinct()
            .ToList();
        var parts = (text is null ? diagnostics : diagnostics.Prepend(text)).ToList();
        if (parts.Count == 0)
        {
            return null;
        }

        var range = span ?? compilation.Diagnostics.First(d => d.File.Path == path && d.Span.Start <= offset && offset <= d.Span.End).Span;
        return new HoverInfo(new DocumentSpan(path, range), string.Join("\n\n---\n\n", parts));
    }

    // The thing under the pointer: a declared name, a safeguard id, a diagnostic code in a comment, or a keyword.
    private static (TextSpan? Span, string? Text) Subject(PolicyCompilation compilation, SourceFile file, int offset)
    {
        if (NavigationIndex.For(compilation).At(file.Path, offset) is { } occurrence)
        {
            var text = HoverSymbols.Describe(compilation, occurrence.Symbol);
            if (occurrence.Symbol.Kind == PolicySymbolKind.Rule && KeywordAt(file, offset) is { } keyword)
            {
                text += $"\n\n{keyword.Text}";
            }

            return (occurrence.Location.Span, text);
        }

        if (CodeAt(file.Text, offset) is { } code)
        {
            return (code.Span, DiagnosticCatalog.RenderEntry(code.Descriptor).Trim());
        }

        var tokens = CompletionContext.TokensOf(file);
        var token = tokens.FirstOrDefault(t => t.Span.Start <= offset && offset < t.Span.End);
        if (token.Kind == TokenKind.Number && CisCatalog.Default.Find(token.Text) is { } safeguard && IsSafeguardPlace(file, offset, token))
        {
            return (token.Span, HoverSafeguard.Describe(safeguard, compilation.Coverage.Find(safeguard.Id)));
        }

        return KeywordAt(file, offset) is { } doc ? (doc.Span, doc.Text) : (null, null);
    }

    private static (TextSpan Span, string Text)? KeywordAt(SourceFile file, int offset)
    {
        var tokens = CompletionContext.TokensOf(file);
        var token = tokens.FirstOrDefault(t => t.Span.Start <= offset && offset < t.Span.End);
        if (token.Kind != TokenKind.Word || token.Text is null)
        {
            return null;
        }

        var block = CompletionContext.At(file, token.Span.Start).Block;
        return KeywordDocs.Find(token.Text, block) is { } summary ? (token.Span, summary) : null;
    }

    // Safeguard ids stand in `controls` blocks and after a rule's `covers`; elsewhere a number is just a number.
    private static bool IsSafeguardPlace(SourceFile file, int offset, Token token)
    {
        var context = CompletionContext.At(file, token.Span.Start);
        return context.Block == BlockKind.Controls || context.Statement.Any(t => t.IsWord("covers"));
    }

    private static (TextSpan Span, DiagnosticDescriptor Descriptor)? CodeAt(string text, int offset)
    {
        foreach (Match match in Code().Matches(text, Math.Max(0, offset - 8)))
        {
            if (match.Index > offset)
            {
                break;
            }

            if (offset <= match.Index + match.Length && DiagnosticCatalog.Find(match.Value) is { } descriptor)
            {
                return (new TextSpan(match.Index, match.Length), descriptor);
            }
        }

        return null;
    }

    [GeneratedRegex(@"\bGOV\d{4}\b")]
    private static partial Regex Code();
}
