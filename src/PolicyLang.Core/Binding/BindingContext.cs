using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Binding;

/// <summary>
/// State shared by the binder's passes: the file being bound (nodes carry spans, not files),
/// the diagnostics reported so far, and the symbol tables each pass fills for the next.
/// </summary>
internal sealed class BindingContext(SourceFile firstFile)
{
    private readonly List<Diagnostic> diagnostics = [];

    /// <summary>The file whose declaration is being bound; set by the driver before each declaration.</summary>
    public SourceFile File { get; set; } = firstFile;

    public IReadOnlyList<Diagnostic> Diagnostics => diagnostics;

    // ---- symbol tables (filled by pass 1, read by later passes) ----
    public List<ClassificationLevel> Levels { get; } = [];

    public Dictionary<string, RoleSymbol> Roles { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, StoreSymbol> Stores { get; } = new(StringComparer.Ordinal);

    /// <summary>Every declared store name, including stores dropped for an unknown kind (so their users are not reported again).</summary>
    public HashSet<string> DeclaredStores { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DatasetOutline> Outlines { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Declarations that failed to parse, by keyword (<c>dataset</c>, <c>role</c>, <c>policy</c>, ...) and name:
    /// their syntax error is already reported, so references to them are not reported again.
    /// </summary>
    public HashSet<(string Keyword, string? Name)> Unparsed { get; } = [];

    public bool IsUnparsed(string keyword, string? name = null) => Unparsed.Contains((keyword, name));

    /// <summary>Filled by pass 2; tests read it.</summary>
    public Dictionary<string, BoundDataset> Datasets { get; } = new(StringComparer.Ordinal);

    public void Report(DiagnosticDescriptor descriptor, TextSpan span, string message, SourceLocation? firstDeclaration = null) =>
        diagnostics.Add(new Diagnostic(descriptor, message, File, span)
        {
            Related = firstDeclaration is null ? null : new RelatedLocation(firstDeclaration.File, firstDeclaration.Span, "first declared here"),
        });

    public void Report(DiagnosticDescriptor descriptor, SyntaxNode node, string message, SourceLocation? firstDeclaration = null) =>
        Report(descriptor, node.Span, message, firstDeclaration);

    public SourceLocation Locate(TextSpan span) => new(File, span);

    public SourceLocation Locate(SyntaxNode node) => new(File, node.Span);

    public string TextOf(SyntaxNode node) => File.GetText(node.Span);

    /// <summary>
    /// The settings of one block with repeats left out: a keyword written a second time is reported (GOV0109) at the
    /// repeat and skipped. Keywords in <paramref name="repeatable"/> (a backup's <c>every</c> lines) may repeat.
    /// </summary>
    /// <param name="settings">The block's settings in source order.</param>
    /// <param name="owner">How the message names the block: "the policy", "store `research`".</param>
    /// <param name="repeatable">Keywords allowed more than once.</param>
    public IEnumerable<SettingSyntax> FirstOfEachKeyword(IEnumerable<SettingSyntax> settings, string owner, params string[] repeatable)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var setting in settings)
        {
            var keyword = setting.Keyword.Name;
            if (!repeatable.Contains(keyword) && !seen.Add(keyword))
            {
                Report(BindingDiagnostics.DuplicateSetting, setting.Keyword, $"`{keyword}` is already set for {owner}");
                continue;
            }

            yield return setting;
        }
    }

    /// <summary>Reports an unknown store name unless it was declared with an unknown kind (already reported).</summary>
    public StoreSymbol? ResolveStore(IdentifierSyntax name)
    {
        if (Stores.TryGetValue(name.Name, out var store))
        {
            return store;
        }

        if (!DeclaredStores.Contains(name.Name))
        {
            Report(BindingDiagnostics.UnknownStore, name, $"store `{name.Name}` is not declared{Names.HintOrList(name.Name, DeclaredStores)}");
        }

        return null;
    }
}

/// <summary>What later passes need to know about a dataset before its members are bound: its store and declared columns.</summary>
internal sealed record DatasetOutline(DatasetDeclarationSyntax Syntax, SourceFile File, StoreSymbol? Store, IReadOnlySet<string> Columns)
{
    public string Name => Syntax.Name.Name;
}

/// <summary>A bound dataset: its symbol (null when its store did not resolve) and every rule name it defines.</summary>
internal sealed record BoundDataset(DatasetOutline Outline, DatasetSymbol? Symbol, IReadOnlySet<string> RuleNames, IReadOnlyDictionary<string, ColumnSymbol> Columns);
