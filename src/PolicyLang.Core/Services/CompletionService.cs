using PolicyLang.Core.Binding;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Compilation;
using PolicyLang.Core.Controls;
using PolicyLang.Core.Parsing;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Services;

public enum CompletionItemKind
{
    Keyword,
    Snippet,
    StoreKind,
    Setting,
    Value,
    Type,
    Store,
    Dataset,
    Column,
    Role,
    ClassificationLevel,
    Rule,
    Safeguard,
    Framework,
}

/// <summary>
/// One proposal. <see cref="InsertText"/> defaults to the label; when <see cref="IsSnippet"/> it uses LSP snippet
/// syntax (<c>$1</c>, <c>${1:name}</c>).
/// </summary>
public sealed record CompletionItem(string Label, CompletionItemKind Kind, string? Detail = null, string? Documentation = null)
{
    public string InsertText { get; init; } = Label;

    public bool IsSnippet { get; init; }
}

/// <summary>The proposals at a position and the span they replace (the word being typed; empty between words).</summary>
public sealed record CompletionList(TextSpan ReplaceSpan, IReadOnlyList<CompletionItem> Items);

/// <summary>
/// Completion in context, from the tokens around the cursor and whatever syntax and binding survived: the file being
/// typed usually has a syntax error. Never throws.
/// </summary>
public static class CompletionService
{
    public static CompletionList GetCompletions(PolicyCompilation compilation, string path, int offset)
    {
        var file = compilation.Syntax.Select(s => s.Syntax.File).FirstOrDefault(f => f.Path == path);
        if (file is null)
        {
            return new CompletionList(new TextSpan(offset, 0), []);
        }

        var context = CompletionContext.At(file, offset);
        if (context.InTrivia)
        {
            return new CompletionList(new TextSpan(context.Offset, 0), []);
        }

        var names = new CompletionNames(compilation, context);
        var (items, replace) = ReferenceTarget(context, names) is { } target
            ? target
            : (Propose(compilation, context, names).ToList(), context.WordSpan);
        return new CompletionList(replace, [.. items.DistinctBy(i => (i.Label, i.Kind))]);
    }

    // `references dataset.col|`: the word holds the dataset; only the part after the dot is replaced.
    private static (List<CompletionItem>, TextSpan)? ReferenceTarget(CompletionContext context, CompletionNames names)
    {
        var dot = context.Word.LastIndexOf('.');
        if (context.LastText() != "references" || dot < 0)
        {
            return null;
        }

        var start = context.WordSpan.Start + dot + 1;
        return (names.Columns(context.Word[..dot]).ToList(), new TextSpan(start, context.WordSpan.End - start));
    }

    private static IEnumerable<CompletionItem> Propose(PolicyCompilation compilation, CompletionContext context, CompletionNames names) =>
        context.Block switch
        {
            BlockKind.TopLevel => CompletionTopLevel.Propose(compilation, context, names),
            BlockKind.Dataset => CompletionDataset.Propose(compilation, context, names),
            _ => CompletionBlocks.Propose(compilation, context, names),
        };

    // ---- item builders shared by the proposal tables ----
    internal static IEnumerable<CompletionItem> Members(BlockKind block) =>
        KeywordDocs.Settings.Where(d => d.Block == block).Select(d => Keyword(d.Keyword, d.Summary, CompletionItemKind.Setting));

    internal static CompletionItem Keyword(string word, string? documentation = null, CompletionItemKind kind = CompletionItemKind.Keyword) =>
        new(word, kind, null, documentation ?? KeywordDocs.FindValue(word));

    internal static IEnumerable<CompletionItem> Values(string table, CompletionItemKind kind = CompletionItemKind.Value) =>
        KeywordDocs.Values[table].Select(v => new CompletionItem(v.Value, kind, v.Summary));

    internal static CompletionItem Snippet(string label, string snippet, string? documentation = null) =>
        new(label, CompletionItemKind.Snippet, null, documentation) { InsertText = snippet, IsSnippet = true };

    internal static IEnumerable<CompletionItem> Frameworks() =>
        DeclarationBinder.KnownFrameworks.Select(id => new CompletionItem(
            id, CompletionItemKind.Framework, Controls.Frameworks.DisplayName(id),
            Controls.Frameworks.HasMappingData(id) ? "cross-referenced from CIS's mappings" : id == Controls.Frameworks.CisV8 ? null : "no CIS mapping data (GOV0405)"));

    internal static IEnumerable<CompletionItem> DurationUnits() => Values("duration-unit");

    /// <summary>Whether a column type (as written, <c>varchar(255)</c>) holds timestamps or dates; unknown types pass.</summary>
    internal static bool IsTimeType(string? type) =>
        type is null || ColumnTypes.Family(type.Split('(')[0]) is null or ColumnTypeFamily.Time or ColumnTypeFamily.Date;

    internal static bool IsNumber(Token? token) => token is { Kind: TokenKind.Number };
}
