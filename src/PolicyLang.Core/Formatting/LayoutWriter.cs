using System.Text;
using PolicyLang.Core.Parsing;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Formatting;

/// <summary>
/// Writes a syntax-error-free file in the canonical layout (docs/formatter.md "Layout rules"). Every
/// decision depends only on the tokens, the comments, the syntax tree and where the author put line
/// breaks, never on the spaces written, which makes formatting idempotent.
/// </summary>
internal sealed class LayoutWriter(PolicyFileSyntax syntax)
{
    private const string Indentation = "  ";
    private const char ByteOrderMark = '\uFEFF';

    private readonly string text = syntax.File.Text;
    private readonly LayoutStructure structure = LayoutStructure.Of(syntax);
    private readonly List<LayoutItem> items = LayoutItem.InSourceOrder(syntax);

    public string Write()
    {
        var newline = LineBreak(text);
        var multiLine = MultiLineBraces();
        var lines = new List<OutputLine>();
        var line = new OutputLine();
        var braces = new Stack<bool>(); // true for a test row's braces
        int? lastToken = null;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (i == 0)
            {
                line.Text.Append(Indent(i, braces, null));
            }
            else if (BreaksBefore(i, lastToken, multiLine))
            {
                lines.Add(line);
                line = new OutputLine();
                if (NewlinesBefore(i) >= 2 && !items[i - 1].Is(TokenKind.LeftBrace) && !item.Is(TokenKind.RightBrace))
                {
                    lines.Add(new OutputLine());
                }

                line.Text.Append(Indent(i, braces, lastToken));
            }
            else
            {
                line.Text.Append(Space(items[i - 1], item));
            }

            Note(line, item, braces.Count);
            line.Text.Append(TextOf(item, newline));
            if (line.Statements == 1 && item.Token is not null && structure.AlignEnds.TryGetValue(item.Span.End, out var widens))
            {
                line.Marks.Add((widens, line.Text.Length + 1, Padded: false));
            }

            if (item.Is(TokenKind.LeftBrace))
            {
                braces.Push(structure.RowBraces.Contains(item.Span.Start));
            }
            else if (item.Is(TokenKind.RightBrace) && braces.Count > 0)
            {
                braces.Pop();
            }

            if (item.Token is not null)
            {
                lastToken = i;
            }
        }

        if (line.Text.Length > 0)
        {
            lines.Add(line);
        }

        OutputLine.Align(lines);
        var output = new StringBuilder(text.Length + 64);
        if (text.Length > 0 && text[0] == ByteOrderMark)
        {
            output.Append(ByteOrderMark);
        }

        foreach (var written in lines)
        {
            output.Append(written.Text).Append(newline);
        }

        return output.ToString();
    }

    /// <summary>Records what alignment needs about <paramref name="item"/>, before its text is appended to <paramref name="line"/>.</summary>
    private void Note(OutputLine line, LayoutItem item, int depth)
    {
        var start = item.Span.Start;
        if (item.Token is null)
        {
            return;
        }

        if (structure.DeclarationStarts.Contains(start) || structure.MemberStarts.Contains(start))
        {
            if (line.Statements == 0)
            {
                line.Depth = depth;
                line.AlignClass = structure.AlignClasses.GetValueOrDefault(start);
            }

            if (depth == line.Depth)
            {
                line.Statements++;
            }
        }

        if (line.Statements == 1 && structure.AlignMarks.TryGetValue(start, out var column))
        {
            line.Marks.Add((column, line.Text.Length, Padded: true));
        }
    }

    /// <summary>The file's line break: that of its first line, or <c>\n</c>.</summary>
    private static string LineBreak(string text)
    {
        var first = text.IndexOf('\n', StringComparison.Ordinal);
        return first > 0 && text[first - 1] == '\r' ? "\r\n" : "\n";
    }

    private bool BreaksBefore(int i, int? lastToken, bool[] multiLine)
    {
        var previous = items[i - 1];
        var item = items[i];
        var newlines = NewlinesBefore(i);
        if (previous.Comment == SyntaxTriviaKind.LineComment)
        {
            return true;
        }

        if (item.Comment is not null)
        {
            return newlines > 0; // a comment stays on its own line, or trails the line it was on
        }

        if ((lastToken is { } last && structure.DeclarationStarts.Contains(item.Span.Start))
            || (lastToken is { } open && items[open].Is(TokenKind.LeftBrace) && multiLine[open])
            || (item.Is(TokenKind.RightBrace) && multiLine[i]))
        {
            return true;
        }

        if (item.Token is TokenKind.LeftBrace or TokenKind.Comma or TokenKind.RightParen or TokenKind.Dot or TokenKind.Colon or TokenKind.LeftParen
            || previous.Token is TokenKind.LeftParen or TokenKind.Dot)
        {
            return false;
        }

        return newlines > 0;
    }

    private int NewlinesBefore(int i)
    {
        var count = 0;
        for (var at = items[i - 1].Span.End; at < items[i].Span.Start; at++)
        {
            if (text[at] == '\n')
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// One level per open brace; a closing brace goes back one. A line that continues a declaration or member
    /// (it starts with neither, nor with a list's <c>]</c>, and is not inside a test row's braces) is indented one more level. A comment
    /// line takes the indentation of the token that follows it (a comment before <c>}</c> stays inside the block).
    /// </summary>
    private string Indent(int i, Stack<bool> braces, int? lastToken)
    {
        var next = i;
        while (next < items.Count && items[next].Comment is not null)
        {
            next++;
        }

        int level;
        if (next == items.Count)
        {
            level = braces.Count;
        }
        else if (items[next].Is(TokenKind.RightBrace))
        {
            level = next == i ? Math.Max(0, braces.Count - 1) : braces.Count;
        }
        else
        {
            var start = items[next].Span.Start;
            // A list's closing `]` on its own line lines up with the statement that opened it.
            var startsStatement = structure.DeclarationStarts.Contains(start) || structure.MemberStarts.Contains(start) || items[next].Is(TokenKind.RightBracket);
            var insideRow = braces.Count > 0 && braces.Peek();
            var afterOpenBrace = lastToken is { } last && items[last].Is(TokenKind.LeftBrace);
            level = braces.Count + (startsStatement || insideRow || afterOpenBrace ? 0 : 1);
        }

        return string.Concat(Enumerable.Repeat(Indentation, level));
    }

    private string Space(LayoutItem previous, LayoutItem item)
    {
        if (previous.Comment is not null || item.Comment is not null)
        {
            return " ";
        }

        // A condition's group opens after a word of the condition (`where (a or b)`, `and not (..)`), and a rule's list of columns after
        // `expect` (`expect (run_id, lane) unique`), unlike `last(4)` or `varchar(255)`.
        if (item.Token == TokenKind.LeftParen && previous.Token == TokenKind.Word
            && text.AsSpan(previous.Span.Start, previous.Span.Length) is "where" or "and" or "or" or "not" or "expect")
        {
            return " ";
        }

        return item.Token is TokenKind.Comma or TokenKind.RightParen or TokenKind.RightBracket or TokenKind.Colon or TokenKind.Dot or TokenKind.LeftParen
            || previous.Token is TokenKind.LeftParen or TokenKind.LeftBracket or TokenKind.Dot
            ? string.Empty
            : " ";
    }

    private string TextOf(LayoutItem item, string newline)
    {
        var written = text.Substring(item.Span.Start, item.Span.Length);
        return item.Comment switch
        {
            SyntaxTriviaKind.LineComment => written.TrimEnd(),
            SyntaxTriviaKind.BlockComment => written.ReplaceLineEndings(newline),
            _ => written,
        };
    }

    /// <summary>For each brace item, whether its block spans lines in the source (a <c>}</c> reports its <c>{</c>'s answer).</summary>
    private bool[] MultiLineBraces()
    {
        var result = new bool[items.Count];
        var open = new Stack<int>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Is(TokenKind.LeftBrace))
            {
                open.Push(i);
            }
            else if (items[i].Is(TokenKind.RightBrace) && open.Count > 0)
            {
                var start = open.Pop();
                var from = items[start].Span.End;
                result[start] = result[i] = text.IndexOf('\n', from, items[i].Span.Start - from) >= 0;
            }
        }

        return result;
    }
}

/// <summary>A token or a comment: what the layout places.</summary>
internal readonly record struct LayoutItem(TextSpan Span, TokenKind? Token, SyntaxTriviaKind? Comment)
{
    public bool Is(TokenKind kind) => Token == kind;

    public static List<LayoutItem> InSourceOrder(PolicyFileSyntax file)
    {
        var tokens = file.Tokens.Select(t => new LayoutItem(t.Span, t.Kind, null));
        var comments = file.Comments.Select(c => new LayoutItem(c.Span, null, c.Kind));
        return [.. tokens.Concat(comments).OrderBy(i => i.Span.Start)];
    }
}

/// <summary>One line of output, with what lining it up with its neighbours needs.</summary>
internal sealed class OutputLine
{
    public StringBuilder Text { get; } = new();

    /// <summary>The alignment class of the statement the line starts with (null: the line does not take part).</summary>
    public string? AlignClass { get; set; }

    /// <summary>Statements starting on this line at its first statement's brace depth.</summary>
    public int Statements { get; set; }

    public int Depth { get; set; }

    /// <summary>Where each alignment column of the statement starts in <see cref="Text"/>.</summary>
    public List<(int Column, int Position, bool Padded)> Marks { get; } = [];

    private bool Aligns => AlignClass is not null && Statements == 1;

    /// <summary>
    /// Lines up runs of consecutive lines that each hold one statement of the same class (no blank or comment line
    /// between): each alignment column starts where it starts on the run's longest line, as gofmt does.
    /// </summary>
    public static void Align(List<OutputLine> lines)
    {
        for (var first = 0; first < lines.Count; first++)
        {
            if (!lines[first].Aligns)
            {
                continue;
            }

            var last = first;
            while (last + 1 < lines.Count && lines[last + 1].Aligns && lines[last + 1].AlignClass == lines[first].AlignClass)
            {
                last++;
            }

            AlignRun(lines.GetRange(first, last - first + 1));
            first = last;
        }
    }

    private static void AlignRun(List<OutputLine> run)
    {
        var columns = run.SelectMany(l => l.Marks.Select(m => m.Column)).Distinct().Order().ToList();
        foreach (var column in columns)
        {
            var at = run.Where(l => l.Marks.Any(m => m.Column == column)).ToList();
            var target = at.Max(l => l.Marks.First(m => m.Column == column).Position);
            foreach (var line in at)
            {
                var index = line.Marks.FindIndex(m => m.Column == column);
                if (!line.Marks[index].Padded)
                {
                    continue;
                }

                var pad = target - line.Marks[index].Position;
                line.Text.Insert(line.Marks[index].Position, " ", pad);
                for (var m = index; m < line.Marks.Count; m++)
                {
                    line.Marks[m] = line.Marks[m] with { Position = line.Marks[m].Position + pad };
                }
            }
        }
    }
}
