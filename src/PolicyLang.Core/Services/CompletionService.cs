using PolicyLang.Core.Compilation;
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
    public static CompletionList GetCompletions(PolicyCompilation compilation, string path, int offset) =>
        new(new TextSpan(offset, 0), []);
}
