using System.Text.RegularExpressions;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

/// <summary>
/// <c>history { store X [table|collection|path "..."] }</c>: where every run's results are kept (docs/history.md). At most one
/// per policy (GOV0143); the store must be one that can keep it (GOV0141) and the location keyword must fit its kind (GOV0142).
/// </summary>
internal static class HistoryBinder
{
    private static readonly Regex TableName = new("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$", RegexOptions.CultureInvariant);

    public static HistorySymbol? Bind(BindingContext ctx, IEnumerable<(Text.SourceFile File, DeclarationSyntax Declaration)> declarations,
        IReadOnlyList<DatasetSymbol> datasets, AuditSymbol? audit)
    {
        HistorySymbol? history = null;
        SourceLocation? first = null;
        foreach (var (file, declaration) in declarations)
        {
            if (declaration is not HistoryDeclarationSyntax syntax)
            {
                continue;
            }

            ctx.File = file;
            if (first is not null)
            {
                ctx.Report(BindingDiagnostics.DuplicateHistory, DeclarationBinder.Keyword(syntax, "history"), $"the policy already has a `history` block at {first}", first);
                continue;
            }

            first = ctx.Locate(syntax);
            history = BindOne(ctx, syntax, datasets, audit);
        }

        return history;
    }

    private static HistorySymbol? BindOne(BindingContext ctx, HistoryDeclarationSyntax syntax, IReadOnlyList<DatasetSymbol> datasets, AuditSymbol? audit)
    {
        StoreSymbol? store = null;
        var storeWritten = false;
        SettingSyntax? where = null;
        foreach (var setting in ctx.FirstOfEachKeyword(syntax.Settings, "the history"))
        {
            switch (setting.Keyword.Name)
            {
                case "store" when setting.Values[0] is WordValueSyntax name:
                    storeWritten = true;
                    store = ctx.ResolveStore(name.Word);
                    break;
                case "table" or "collection" or "path" when where is not null:
                    ctx.Report(BindingDiagnostics.HistoryLocationKind, setting.Keyword, $"the history's location is already given by `{where.Keyword.Name}`: write one of `table`, `collection` or `path`");
                    break;
                case "table" or "collection" or "path":
                    where = setting;
                    break;
            }
        }

        if (!storeWritten)
        {
            if (!syntax.IsIncomplete())
            {
                ctx.Report(BindingDiagnostics.HistoryStoreMissing, DeclarationBinder.Keyword(syntax, "history"), "`history` needs the store that keeps the run history: `store <name>`");
            }

            return null;
        }

        if (store is null)
        {
            return null;
        }

        if (HistorySymbol.DefaultFor(store.Kind) is not { } fallback)
        {
            ctx.Report(BindingDiagnostics.HistoryStoreKind, syntax.Settings.First(s => s.Keyword.Name == "store").Values[0],
                $"{Names.Article(store.KindName)} `{store.KindName}` store cannot keep the run history: use a postgres, duckdb, mongodb or folder store");
            return null;
        }

        var location = fallback.Location;
        if (where is not null)
        {
            if (where.Keyword.Name != fallback.Keyword)
            {
                ctx.Report(BindingDiagnostics.HistoryLocationKind, where.Keyword,
                    $"{Names.Article(store.KindName)} `{store.KindName}` store keeps the history in a {Noun(fallback.Keyword)}: write `{fallback.Keyword} \"...\"`");
                return null;
            }

            if ((where.Values[0] as StringValueSyntax)?.Value is not { } written)
            {
                return null;
            }

            if (Invalid(fallback.Keyword, written) is { } why)
            {
                ctx.Report(BindingDiagnostics.InvalidHistoryLocation, where.Values[0], $"`{written}` is not a valid history {Noun(fallback.Keyword)}: {why}");
                return null;
            }

            location = written;
        }

        var symbol = new HistorySymbol(store, fallback.Keyword, location, ctx.Locate(syntax));
        CheckOverlap(ctx, symbol, where ?? (SyntaxNode)syntax, datasets, audit);
        return symbol;
    }

    private static string Noun(string keyword) => keyword == "path" ? "file (`path`)" : keyword;

    private static string? Invalid(string keyword, string location) => keyword switch
    {
        "table" when !TableName.IsMatch(location) => "write `name` or `schema.name` of letters, digits and `_`",
        "collection" when location.Length == 0 || location.Contains('$', StringComparison.Ordinal) || location.StartsWith("system.", StringComparison.Ordinal) || location.Contains('\0', StringComparison.Ordinal)
            => "a collection name is not empty, has no `$` and does not start with `system.`",
        "path" when location.Length == 0 || location.EndsWith('/') || location.EndsWith('\\') => "name a file inside the folder, such as `history.jsonl`",
        "path" when location.StartsWith('/') || location.StartsWith('\\') || (location.Length > 1 && location[1] == ':') => "the path is relative to the folder store",
        "path" when location.Split('/', '\\').Contains("..") => "the path must stay inside the folder store (no `..`)",
        _ => null,
    };

    private static void CheckOverlap(BindingContext ctx, HistorySymbol history, SyntaxNode at, IReadOnlyList<DatasetSymbol> datasets, AuditSymbol? audit)
    {
        string Normal(string location) => history.Store.Kind == StoreKind.Postgres && !location.Contains('.', StringComparison.Ordinal) ? "public." + location : location;
        var target = Normal(history.Location);
        if (datasets.FirstOrDefault(d => d.Store == history.Store && Normal(d.Location) == target) is { } dataset)
        {
            ctx.Report(BindingDiagnostics.HistoryOverDataset, at, $"the history would be written into dataset `{dataset.Name}` (`{dataset.Location}`): give it a location of its own", dataset.Declaration);
        }
        else if (audit is { Store: { } auditStore, Table: { } auditTable } && auditStore == history.Store && Normal(auditTable) == target)
        {
            ctx.Report(BindingDiagnostics.HistoryOverDataset, at, "the history would be written into the audit trail's table: give it a location of its own", audit.Location);
        }
    }
}
