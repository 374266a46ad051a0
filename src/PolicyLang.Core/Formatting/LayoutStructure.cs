using PolicyLang.Core.Parsing;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Formatting;

/// <summary>
/// What the layout needs from the syntax tree, as source offsets: where declarations and block members start,
/// which <c>{</c> open a test row (inline braces) rather than a declaration block, and the alignment columns of
/// statements that line up with their neighbours (docs/formatter.md "Alignment").
/// </summary>
internal sealed class LayoutStructure
{
    private readonly IReadOnlyList<Token> tokens;
    private readonly HashSet<int> declarationStarts = [];
    private readonly HashSet<int> memberStarts = [];
    private readonly HashSet<int> rowBraces = [];
    private readonly Dictionary<int, string> alignClasses = [];
    private readonly Dictionary<int, int> alignMarks = [];
    private readonly Dictionary<int, int> alignEnds = [];

    private LayoutStructure(PolicyFileSyntax file)
    {
        tokens = file.Tokens;
        foreach (var declaration in file.Declarations)
        {
            declarationStarts.Add(declaration.Span.Start);
            Align(declaration);
            foreach (var member in Members(declaration))
            {
                memberStarts.Add(member.Span.Start);
                Align(member);
                if (member is TestRowSyntax row && TokenAfter(row.Span.Start) is { Kind: TokenKind.LeftBrace } brace)
                {
                    rowBraces.Add(brace.Span.Start);
                }
            }
        }
    }

    /// <summary>First characters of top-level declarations: each starts a line.</summary>
    public IReadOnlySet<int> DeclarationStarts => declarationStarts;

    /// <summary>First characters of block members (settings, dataset members, controls statements, test rows).</summary>
    public IReadOnlySet<int> MemberStarts => memberStarts;

    /// <summary>The <c>{</c> of each test row: its fields are not members, so lines inside it are not continuations.</summary>
    public IReadOnlySet<int> RowBraces => rowBraces;

    /// <summary>Statement start → its alignment class (setting, column, role, store, grant, approval): neighbours of one class line up.</summary>
    public IReadOnlyDictionary<int, string> AlignClasses => alignClasses;

    /// <summary>Token start → which alignment column of its statement it begins (0 = the first value after the keyword, ...).</summary>
    public IReadOnlyDictionary<int, int> AlignMarks => alignMarks;

    /// <summary>
    /// Token end → an alignment column that would start right after it, when the statement has nothing there (a column
    /// without modifiers): it widens that column for its neighbours but is not padded itself.
    /// </summary>
    public IReadOnlyDictionary<int, int> AlignEnds => alignEnds;

    public static LayoutStructure Of(PolicyFileSyntax file) => new(file);

    private static IEnumerable<SyntaxNode> Members(DeclarationSyntax declaration) => declaration switch
    {
        PolicyDeclarationSyntax d => d.Settings,
        StoreDeclarationSyntax d => d.Settings,
        DatasetDeclarationSyntax d => d.Members,
        AuditDeclarationSyntax d => d.Settings,
        HistoryDeclarationSyntax d => d.Settings,
        BackupDeclarationSyntax d => d.Settings,
        ControlsDeclarationSyntax d => d.Statements,
        TestDeclarationSyntax d => d.Rows,
        _ => [],
    };

    // The columns that line up: what follows a setting's keyword; a column's type and modifiers; a role's description;
    // a store's kind and block; a grant's `to`; an approval's `role` and `on`.
    private void Align(SyntaxNode node)
    {
        switch (node)
        {
            case SettingSyntax setting:
                Mark(node, "setting", setting.Values.Count > 0 ? TokenAfter(setting.Keyword.Span.Start)?.Span.Start : null);
                break;
            case DatasetSettingSyntax setting:
                Align(setting.Setting);
                break;
            case ColumnDeclarationSyntax column:
                Mark(node, "column", column.Type.Span.Start, column.Modifiers.Count > 0 ? column.Modifiers[0].Span.Start : null);
                if (column.Modifiers.Count == 0)
                {
                    alignEnds[column.Type.Span.End] = 1;
                }

                break;
            case RoleDeclarationSyntax role:
                Mark(node, "role", role.Description?.Span.Start);
                break;
            case StoreDeclarationSyntax store:
                Mark(node, "store", store.Kind.Span.Start, TokenAfter(store.Kind.Span.Start)?.Span.Start);
                break;
            case GrantSyntax grant:
                Mark(node, "grant", TokenAfter(grant.Privilege.Span.Start)?.Span.Start);
                break;
            case ApprovalDeclarationSyntax approval:
                Mark(node, "approval", TokenAfter(approval.Reviewer.Span.Start)?.Span.Start, TokenAfter(approval.Role.Span.Start)?.Span.Start);
                break;
        }
    }

    private void Mark(SyntaxNode node, string alignClass, params int?[] columns)
    {
        alignClasses[node.Span.Start] = alignClass;
        for (var k = 0; k < columns.Length; k++)
        {
            if (columns[k] is { } start)
            {
                alignMarks[start] = k;
            }
        }
    }

    private Token? TokenAfter(int start)
    {
        var (low, high) = (0, tokens.Count);
        while (low < high)
        {
            var mid = (low + high) / 2;
            (low, high) = tokens[mid].Span.Start < start ? (mid + 1, high) : (low, mid);
        }

        return low + 1 < tokens.Count ? tokens[low + 1] : null;
    }
}
