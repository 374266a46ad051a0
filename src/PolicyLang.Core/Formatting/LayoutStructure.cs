using PolicyLang.Core.Parsing;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Formatting;

/// <summary>
/// What the layout needs from the syntax tree, as source offsets: where declarations and block members
/// start, and which <c>{</c> open a test row (inline braces) rather than a declaration block.
/// </summary>
internal sealed class LayoutStructure
{
    private LayoutStructure(HashSet<int> declarationStarts, HashSet<int> memberStarts, HashSet<int> rowBraces)
    {
        DeclarationStarts = declarationStarts;
        MemberStarts = memberStarts;
        RowBraces = rowBraces;
    }

    /// <summary>First characters of top-level declarations: each starts a line.</summary>
    public IReadOnlySet<int> DeclarationStarts { get; }

    /// <summary>First characters of block members (settings, dataset members, controls statements, test rows).</summary>
    public IReadOnlySet<int> MemberStarts { get; }

    /// <summary>The <c>{</c> of each test row: its fields are not members, so lines inside it are not continuations.</summary>
    public IReadOnlySet<int> RowBraces { get; }

    public static LayoutStructure Of(PolicyFileSyntax file)
    {
        var declarations = new HashSet<int>();
        var members = new HashSet<int>();
        var rowBraces = new HashSet<int>();
        foreach (var declaration in file.Declarations)
        {
            declarations.Add(declaration.Span.Start);
            foreach (var member in Members(declaration))
            {
                members.Add(member.Span.Start);
                if (member is TestRowSyntax row && FirstBrace(file.Tokens, row) is { } brace)
                {
                    rowBraces.Add(brace);
                }
            }
        }

        return new LayoutStructure(declarations, members, rowBraces);
    }

    private static IEnumerable<SyntaxNode> Members(DeclarationSyntax declaration) => declaration switch
    {
        PolicyDeclarationSyntax d => d.Settings,
        StoreDeclarationSyntax d => d.Settings,
        DatasetDeclarationSyntax d => d.Members,
        AuditDeclarationSyntax d => d.Settings,
        BackupDeclarationSyntax d => d.Settings,
        ControlsDeclarationSyntax d => d.Statements,
        TestDeclarationSyntax d => d.Rows,
        _ => [],
    };

    // The row's `{` is the token right after `row`.
    private static int? FirstBrace(IReadOnlyList<Token> tokens, SyntaxNode node)
    {
        var (low, high) = (0, tokens.Count);
        while (low < high)
        {
            var mid = (low + high) / 2;
            (low, high) = tokens[mid].Span.Start < node.Span.Start ? (mid + 1, high) : (low, mid);
        }

        return low + 1 < tokens.Count && tokens[low + 1].Kind == TokenKind.LeftBrace ? tokens[low + 1].Span.Start : null;
    }
}
