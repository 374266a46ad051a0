using Pidgin;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Parsing;

/// <summary>
/// Drives <see cref="GovGrammar"/> over a file's tokens with error recovery (docs/front-end.md "Recovery"):
/// declarations are parsed one at a time, and a block declaration's members one at a time, so a syntax error
/// costs only the member (or declaration header) it is in.
/// </summary>
internal sealed class RecoveringParser
{
    private readonly SourceFile file;
    private readonly Token[] tokens;
    private readonly SyntaxTrivia[] trivia;
    private readonly List<Diagnostic> diagnostics;
    private int index;

    public RecoveringParser(SourceFile file)
    {
        this.file = file;
        (tokens, trivia, diagnostics) = Lexer.LexWithTrivia(file);
    }

    public ParseResult Run()
    {
        var declarations = new List<DeclarationSyntax>();
        while (index < tokens.Length)
        {
            var start = index;
            var result = GovGrammar.Declaration.Parse(tokens.AsSpan(index));
            if (!result.Success)
            {
                var errorIndex = index + Math.Max(result.Error!.ErrorOffset, 0);
                Report(errorIndex, result.Error);
                index = NextDeclarationStart(start, errorIndex);
                declarations.Add(SkippedDeclaration(start, index));
                continue;
            }

            index += result.Value.End;
            declarations.Add(result.Value.Start switch
            {
                WholeDeclaration whole => whole.Declaration,
                OpenBlock block => Block(block, start),
                _ => throw new InvalidOperationException("unknown declaration start"),
            });
        }

        var syntax = new PolicyFileSyntax(file, declarations, new TextSpan(0, file.Text.Length)) { Tokens = tokens, Trivia = trivia };
        return new ParseResult(syntax, [.. diagnostics.OrderBy(d => d.Span.Start)]);
    }

    /// <summary>
    /// The members of a block whose <c>{</c> was just read, up to its <c>}</c>. A member that fails is reported and
    /// skipped (<see cref="Resume"/>); a missing <c>}</c> is reported where the next declaration (or the end of the file) begins.
    /// </summary>
    private DeclarationSyntax Block(OpenBlock block, int declarationStart)
    {
        var layout = new BlockLayout(
            Column(declarationStart),
            index < tokens.Length && FirstOnLine(index) ? Column(index) : int.MaxValue);
        var members = new List<SyntaxNode>();
        var memberStarts = new List<int>();
        var skipped = new List<SkippedMember>();
        var reachedDeclaration = false;
        while (true)
        {
            if (index < tokens.Length && tokens[index].Kind == TokenKind.RightBrace)
            {
                index++;
                return Finish(block, declarationStart, members, skipped);
            }

            if (index >= tokens.Length || reachedDeclaration)
            {
                ReportUnclosed(block.Form, index, declarationStart);
                return Finish(block, declarationStart, members, skipped);
            }

            var memberStart = index;
            var result = block.Form.Member.Parse(tokens.AsSpan(index));
            if (result.Success)
            {
                members.Add(result.Value.Member);
                memberStarts.Add(memberStart);
                index += result.Value.End;
                continue;
            }

            if (EndsBlock(block.Form, layout, memberStart))
            {
                ReportUnclosed(block.Form, memberStart, declarationStart);
                return Finish(block, declarationStart, members, skipped);
            }

            // `classification a < b` written after an unclosed block parses as a member up to `<`: that member was the next declaration.
            if (memberStarts.Count > 0 && Dedented(layout, memberStarts[^1]) && StartsDeclaration(memberStarts[^1]))
            {
                index = memberStarts[^1];
                members.RemoveAt(members.Count - 1);
                ReportUnclosed(block.Form, index, declarationStart);
                return Finish(block, declarationStart, members, skipped);
            }

            var errorIndex = memberStart + Math.Max(result.Error!.ErrorOffset, 0);
            // A member that cannot even start: say what a member may be, or `}` (Pidgin would list each alternative).
            var error = errorIndex == memberStart ? block.Form.Close.Parse(tokens.AsSpan(memberStart)).Error! : result.Error;
            Report(errorIndex, error);
            (index, reachedDeclaration) = Resume(block.Form, layout, memberStart, errorIndex);
            skipped.Add(SkippedMember(block.Form, memberStart, index));
        }
    }

    /// <summary>Where the columns of a block's declaration and of its first member are: an unclosed block is told by a dedented declaration.</summary>
    private readonly record struct BlockLayout(int DeclarationColumn, int MemberColumn);

    /// <summary>
    /// After a bad member: the block's <c>}</c> at the member's brace depth, a member keyword (or a misspelling of one) that starts a line, or a
    /// declaration that ends the block (<see cref="EndsBlock"/>), whichever comes first after the error.
    /// </summary>
    private (int Index, bool ReachedDeclaration) Resume(BlockForm form, BlockLayout layout, int memberStart, int errorIndex)
    {
        var depth = 0;
        for (var i = memberStart; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (i > memberStart && i >= errorIndex)
            {
                if (token.Kind == TokenKind.RightBrace && depth == 0)
                {
                    return (i, false);
                }

                if (EndsBlock(form, layout, i))
                {
                    return (i, true);
                }

                // A line that starts with a member keyword, or a misspelling of one (reported in turn), starts a member.
                if (FirstOnLine(i) && token.Kind == TokenKind.Word
                    && (form.Keywords.Contains(token.Text) || (depth == 0 && Suggestions.Closest(token.Text, form.Keywords) is not null)))
                {
                    return (i, false);
                }
            }

            if (token.Kind == TokenKind.LeftBrace)
            {
                depth++;
            }
            else if (token.Kind == TokenKind.RightBrace && depth > 0)
            {
                depth--;
            }
        }

        return (tokens.Length, false);
    }

    /// <summary>
    /// A declaration keyword that starts a line ends a block whose <c>}</c> is missing when it is dedented to the
    /// declaration's column, or when it is no member of the block and written at column 1.
    /// </summary>
    private bool EndsBlock(BlockForm form, BlockLayout layout, int i) =>
        FirstOnLine(i) && StartsDeclaration(i)
        && (Dedented(layout, i) || (!form.Keywords.Contains(tokens[i].Text) && Column(i) == 1));

    private bool Dedented(BlockLayout layout, int i) =>
        FirstOnLine(i) && Column(i) <= layout.DeclarationColumn && Column(i) < layout.MemberColumn;

    private DeclarationSyntax Finish(OpenBlock block, int declarationStart, List<SyntaxNode> members, List<SkippedMember> skipped)
    {
        var start = tokens[declarationStart].Span.Start;
        var declaration = block.Build(members, new TextSpan(start, tokens[index - 1].Span.End - start));
        return skipped.Count == 0 ? declaration : declaration with { SkippedMembers = skipped };
    }

    private void ReportUnclosed(BlockForm form, int at, int declarationStart)
    {
        var diagnostic = SyntaxDiagnostics.FromParseError(file, tokens, at, form.Close.Parse(tokens.AsSpan(at)).Error!);
        var opened = file.GetPosition(tokens[declarationStart].Span.Start).Line;
        diagnostics.Add(diagnostic with { Message = $"{diagnostic.Message} (the `{tokens[declarationStart].Text}` block opened on line {opened} is not closed)" });
    }

    private void Report(int errorIndex, ParseError<Token> error) =>
        diagnostics.Add(SyntaxDiagnostics.FromParseError(file, tokens, errorIndex, error));

    private SkippedMember SkippedMember(BlockForm form, int start, int end)
    {
        var first = tokens[start];
        var keyword = first.Kind != TokenKind.Word ? null
            : form.Keywords.Contains(first.Text) ? first.Text
            : Suggestions.Closest(first.Text, form.Keywords);
        return new SkippedMember(keyword, NameAfter(start, end), Words(start, end), Cover(start, end));
    }

    private SkippedDeclarationSyntax SkippedDeclaration(int start, int end)
    {
        end = Math.Max(end, start + 1);
        var first = tokens[start];
        var keyword = first.Kind != TokenKind.Word ? null
            : GovGrammar.DeclarationKeywords.Contains(first.Text) ? first.Text
            : Suggestions.Closest(first.Text, GovGrammar.DeclarationKeywords);
        return new SkippedDeclarationSyntax(keyword, keyword is null ? null : NameAfter(start, end), Cover(start, end)) { Words = Words(start, end) };
    }

    private string? NameAfter(int start, int end) =>
        start + 1 < end && tokens[start + 1].Kind == TokenKind.Word ? tokens[start + 1].Text : null;

    private string[] Words(int start, int end) =>
        [.. tokens[start..end].Where(t => t.Kind is TokenKind.Word or TokenKind.Number).Select(t => t.Text)];

    private TextSpan Cover(int start, int end) => TextSpan.Cover(tokens[start].Span, tokens[end - 1].Span);

    /// <summary>The first declaration keyword at brace depth 0 (or at a line start) after the error and after the failed declaration's first token.</summary>
    private int NextDeclarationStart(int declarationStart, int errorIndex)
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
            else if (i > declarationStart && i >= errorIndex && (depth == 0 || Column(i) == 1) && StartsDeclaration(i))
            {
                return i;
            }
        }

        return tokens.Length;
    }

    private bool FirstOnLine(int i) =>
        i == 0 || file.Text.AsSpan(tokens[i - 1].Span.End, tokens[i].Span.Start - tokens[i - 1].Span.End).Contains('\n');

    private int Column(int i) => file.GetPosition(tokens[i].Span.Start).Column;

    // `role` also appears inside `approval "who" role "..."`; only `role <name>` starts a declaration.
    private bool StartsDeclaration(int i) =>
        tokens[i].Kind == TokenKind.Word
        && GovGrammar.DeclarationKeywords.Contains(tokens[i].Text)
        && (tokens[i].Text != "role" || (i + 1 < tokens.Length && tokens[i + 1].Kind == TokenKind.Word));
}
