using PolicyLang.Core.Parsing;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Services;

/// <summary>
/// What surrounds a cursor, read from tokens only (the text being typed rarely parses): the word being typed,
/// the enclosing block and its declaration header, and the current statement's tokens before the word.
/// </summary>
internal sealed class CompletionContext
{
    private static readonly HashSet<string> DeclarationKeywords = [.. KeywordDocs.Declarations.Select(d => d.Keyword)];

    // A member keyword right after one of these is a value (a column named `key`), not a new statement.
    private static readonly HashSet<string> TakesName =
        ["expect", "column", "key", "mask", "by", "anonymize", ",", "references", "to", ".", "restore-test", "review", "with", "as", "classification", "store", "offsite", "covers"];

    private CompletionContext(SourceFile file, int offset)
    {
        File = file;
        Offset = offset;
    }

    public SourceFile File { get; }

    public int Offset { get; }

    /// <summary>The word being typed (letters, digits, <c>_ - .</c>) up to the cursor; empty between words.</summary>
    public string Word { get; private set; } = string.Empty;

    /// <summary>The whole word under the cursor, which a completion replaces.</summary>
    public TextSpan WordSpan { get; private set; }

    /// <summary>Inside a string or a comment: nothing to complete.</summary>
    public bool InTrivia { get; private set; }

    public BlockKind Block { get; private set; } = BlockKind.TopLevel;

    /// <summary>The enclosing declaration's tokens before its <c>{</c> (<c>store x postgres</c>); at the top level, the declaration so far.</summary>
    public IReadOnlyList<Token> Header { get; private set; } = [];

    /// <summary>The current statement's tokens before the word being typed, starting with its keyword.</summary>
    public IReadOnlyList<Token> Statement { get; private set; } = [];

    /// <summary>Every token of the enclosing block before the cursor (to find <c>column</c> declarations of a dataset being typed).</summary>
    public IReadOnlyList<Token> BlockTokens { get; private set; } = [];

    /// <summary>Whether only whitespace precedes the word on its line.</summary>
    public bool AtLineStart { get; private set; }

    public string? HeaderWord(int index) => index < Header.Count && Header[index].Kind == TokenKind.Word ? Header[index].Text : null;

    public string? StatementKeyword => Statement.Count > 0 && Statement[0].Kind == TokenKind.Word ? Statement[0].Text : null;

    public Token? Last => Statement.Count > 0 ? Statement[^1] : null;

    public string? LastText(int back = 0) => Statement.Count > back ? Statement[Statement.Count - 1 - back].Text : null;

    public static CompletionContext At(SourceFile file, int offset)
    {
        offset = Math.Clamp(offset, 0, file.Text.Length);
        var context = new CompletionContext(file, offset);
        context.Analyze(TokensOf(file));
        return context;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SourceFile, Token[]> Tokens = new();

    /// <summary>The file's tokens, lexed once per text (hover and completion ask several times).</summary>
    public static Token[] TokensOf(SourceFile file) => Tokens.GetValue(file, f => Lexer.Lex(f).Tokens);

    private void Analyze(Token[] tokens)
    {
        var text = File.Text;
        var start = Offset;
        while (start > 0 && IsWordChar(text[start - 1]))
        {
            start--;
        }

        var end = Offset;
        while (end < text.Length && IsWordChar(text[end]))
        {
            end++;
        }

        Word = text[start..Offset];
        WordSpan = new TextSpan(start, end - start);
        var lineStart = text.LastIndexOf('\n', Math.Max(0, start - 1)) + 1;
        AtLineStart = start == 0 || string.IsNullOrWhiteSpace(text[lineStart..start]);

        var before = tokens.TakeWhile(t => t.Span.End <= start).ToArray();
        InTrivia = tokens.Any(t => t.Kind == TokenKind.String && t.Span.Start < Offset && Offset < t.Span.End)
            || InComment(before.Length > 0 ? before[^1].Span.End : 0);
        ReadBlocks(before);
    }

    private bool InComment(int from)
    {
        var gap = File.Text[from..Offset];
        var line = gap.LastIndexOf("//", StringComparison.Ordinal);
        if (line >= 0 && !gap[line..].Contains('\n', StringComparison.Ordinal))
        {
            return true;
        }

        var open = gap.LastIndexOf("/*", StringComparison.Ordinal);
        return open >= 0 && gap.IndexOf("*/", open, StringComparison.Ordinal) < 0;
    }

    private sealed record Frame(BlockKind Kind, int Open, IReadOnlyList<Token> Header);

    private void ReadBlocks(Token[] tokens)
    {
        var stack = new Stack<Frame>();
        var declarationStart = -1;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            var current = stack.Count > 0 ? stack.Peek().Kind : BlockKind.TopLevel;
            if (token.Kind == TokenKind.Word && DeclarationKeywords.Contains(token.Text) && StartsDeclaration(tokens, i, current))
            {
                stack.Clear();
                declarationStart = i;
            }
            else if (token.Kind == TokenKind.LeftBrace)
            {
                var header = stack.Count == 0 && declarationStart >= 0 ? tokens[declarationStart..i] : [];
                var kind = stack.Count == 0 ? BlockOf(header.Length > 0 ? header[0].Text : null)
                    : current == BlockKind.Test && i > 0 && tokens[i - 1].IsWord("row") ? BlockKind.TestRow
                    : current;
                stack.Push(new Frame(kind, i, stack.Count == 0 ? header : stack.Peek().Header));
            }
            else if (token.Kind == TokenKind.RightBrace && stack.Count > 0)
            {
                stack.Pop();
                if (stack.Count == 0)
                {
                    declarationStart = -1;
                }
            }
        }

        if (stack.Count == 0)
        {
            Block = BlockKind.TopLevel;
            Header = declarationStart >= 0 ? tokens[declarationStart..] : [];
            Statement = Header;
            return;
        }

        var frame = stack.Peek();
        Block = frame.Kind;
        Header = frame.Header;
        BlockTokens = tokens[(frame.Open + 1)..];
        Statement = BlockTokens.Skip(StatementStart(BlockTokens, frame.Kind)).ToArray();
    }

    // A declaration keyword starts a new declaration at the top level, or at a line start when the word cannot be a
    // member of the open block (an unclosed `{` above must not swallow the rest of the file).
    private bool StartsDeclaration(Token[] tokens, int i, BlockKind current)
    {
        var word = tokens[i].Text;
        if (word == "role" && i > 0 && tokens[i - 1].Kind == TokenKind.String)
        {
            return false; // approval "who" role "..."
        }

        if (current == BlockKind.TopLevel)
        {
            return true;
        }

        return StartsLine(tokens[i].Span.Start) && !MemberKeywords(current).Contains(word);
    }

    private bool StartsLine(int offset)
    {
        var i = offset - 1;
        while (i >= 0 && File.Text[i] is ' ' or '\t')
        {
            i--;
        }

        return i < 0 || File.Text[i] == '\n';
    }

    private static int StatementStart(IReadOnlyList<Token> tokens, BlockKind block)
    {
        var members = MemberKeywords(block);
        for (var j = tokens.Count - 1; j >= 0; j--)
        {
            var token = tokens[j];
            var after = j > 0 ? tokens[j - 1].Text : "{";
            if (token.Kind == TokenKind.Word && members.Contains(token.Text) && !TakesName.Contains(after))
            {
                return j;
            }
        }

        return 0;
    }

    private static readonly Dictionary<BlockKind, HashSet<string>> Members =
        Enum.GetValues<BlockKind>().ToDictionary(b => b, b => KeywordDocs.Settings.Where(d => d.Block == b).Select(d => d.Keyword).ToHashSet());

    public static IReadOnlySet<string> MemberKeywords(BlockKind block) => Members[block];

    private static BlockKind BlockOf(string? keyword) => keyword switch
    {
        "policy" => BlockKind.Policy,
        "store" => BlockKind.Store,
        "dataset" => BlockKind.Dataset,
        "audit" => BlockKind.Audit,
        "backup" => BlockKind.Backup,
        "controls" => BlockKind.Controls,
        "test" => BlockKind.Test,
        "history" => BlockKind.History,
        _ => BlockKind.TopLevel,
    };

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '.';
}
