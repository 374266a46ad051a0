using PolicyLang.Core.Compilation;
using PolicyLang.Core.Controls;
using PolicyLang.Core.Parsing;

namespace PolicyLang.Core.Services;

/// <summary>
/// The policy's names as completion items: declared in any file (from the syntax trees), plus the columns of a
/// dataset block being typed (from its tokens, since a half-written dataset does not parse).
/// </summary>
internal sealed class CompletionNames(PolicyCompilation compilation, CompletionContext context)
{
    private readonly NavigationIndex index = NavigationIndex.For(compilation);

    public IEnumerable<CompletionItem> Stores(Func<string, bool>? where = null) =>
        Declared(PolicySymbolKind.Store)
            .Where(name => where?.Invoke(name) ?? true)
            .Select(name => new CompletionItem(name, CompletionItemKind.Store, StoreKind(name) is { } kind ? $"{kind} store" : "store"));

    public IEnumerable<CompletionItem> Datasets() =>
        Declared(PolicySymbolKind.Dataset).Select(name => new CompletionItem(name, CompletionItemKind.Dataset, DatasetDetail(name)));

    public IEnumerable<CompletionItem> Roles() =>
        Declared(PolicySymbolKind.Role).Select(name => new CompletionItem(
            name, CompletionItemKind.Role, compilation.Bound.Roles.FirstOrDefault(r => r.Name == name)?.Description ?? "role"));

    public IEnumerable<CompletionItem> Levels() =>
        Declared(PolicySymbolKind.ClassificationLevel).Select((name, rank) => new CompletionItem(name, CompletionItemKind.ClassificationLevel, $"classification level {rank + 1}"));

    /// <summary>Columns of <paramref name="dataset"/>: declared ones (also those typed in the open block), else the ones its rules name.</summary>
    public IEnumerable<CompletionItem> Columns(string? dataset, Func<string?, bool>? where = null)
    {
        if (dataset is null)
        {
            return [];
        }

        var declared = compilation.Bound.FindDataset(dataset)?.Columns.ToDictionary(c => c.Name, c => c.Type) ?? [];
        var typed = dataset == context.HeaderWord(1) ? TypedColumns().ToList() : [];
        var names = index.Occurrences
            .Where(o => o.Symbol.Kind == PolicySymbolKind.Column && o.Symbol.Dataset == dataset)
            .OrderBy(o => o.IsDeclaration ? 0 : 1)
            .Select(o => o.Symbol.Name)
            .Concat(typed.Select(c => c.Name));
        return names.Distinct()
            .Where(name => name != context.Word && (where?.Invoke(TypeOf(name)) ?? true))
            .Select(name => new CompletionItem(name, CompletionItemKind.Column, TypeOf(name) is { } type ? $"{type} column" : "column"));

        string? TypeOf(string name) => declared.GetValueOrDefault(name) ?? typed.FirstOrDefault(c => c.Name == name).Type;
    }

    public IEnumerable<CompletionItem> Rules(string? dataset) =>
        index.Rules.Where(r => r.Dataset == dataset).Select(r => r.Name).Distinct()
            .Select(name => new CompletionItem(name, CompletionItemKind.Rule, $"rule of `{dataset}`",
                compilation.Bound.FindDataset(dataset!)?.Rules.FirstOrDefault(r => r.Name == name)?.Describe()));

    public static IEnumerable<CompletionItem> Safeguards(PolicyCompilation compilation) =>
        CisCatalog.Default.Safeguards.Select(s => new CompletionItem(
            s.Id, CompletionItemKind.Safeguard, s.Title, HoverSafeguard.Describe(s, compilation.Coverage.Find(s.Id))));

    public string? StoreKind(string store) =>
        compilation.Bound.FindStore(store)?.KindName
        ?? compilation.Syntax.SelectMany(s => s.Syntax.Declarations).OfType<Syntax.StoreDeclarationSyntax>()
            .FirstOrDefault(s => s.Name.Name == store)?.Kind.Name;

    private string DatasetDetail(string name) =>
        compilation.Bound.FindDataset(name) is { } d ? $"{d.LocationKind.ToString().ToLowerInvariant()} \"{d.Location}\" in {d.Store.Name}" : "dataset";

    private IEnumerable<string> Declared(PolicySymbolKind kind) =>
        index.Occurrences.Where(o => o.Symbol.Kind == kind && o.IsDeclaration).Select(o => o.Symbol.Name)
            .Where(name => name != context.Word)
            .Distinct();

    // `column <name> <type>` in the block being typed.
    private IEnumerable<(string Name, string? Type)> TypedColumns()
    {
        var tokens = context.BlockTokens;
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].IsWord("column") && tokens[i + 1].Kind == TokenKind.Word)
            {
                yield return (tokens[i + 1].Text, i + 2 < tokens.Count && tokens[i + 2].Kind == TokenKind.Word ? tokens[i + 2].Text : null);
            }
        }
    }
}
