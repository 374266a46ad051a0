using PolicyLang.Core.Compilation;
using PolicyLang.Core.Parsing;
using static PolicyLang.Core.Services.CompletionService;

namespace PolicyLang.Core.Services;

/// <summary>Completion outside any block: declaration keywords and the words of declaration headers.</summary>
internal static class CompletionTopLevel
{
    public static IEnumerable<CompletionItem> Propose(PolicyCompilation compilation, CompletionContext context, CompletionNames names)
    {
        var header = context.Header;
        if (context.AtLineStart || header.Count == 0)
        {
            return Declarations();
        }

        var first = header[0].Text;
        return (first, header.Count) switch
        {
            ("store", 2) => Values("store-kind", CompletionItemKind.StoreKind),
            ("dataset", 2) => [Keyword("in")],
            ("dataset", 3) => names.Stores(),
            ("dataset", 4) => LocationKinds(names.StoreKind(header[3].Text)),
            ("controls", 1) => [new CompletionItem(Controls.Frameworks.CisV8, CompletionItemKind.Framework, "CIS Controls v8")],
            ("test", 1) => names.Datasets(),
            ("approval", 2) => [Keyword("role")],
            ("approval", 4) or ("change", 2) => [Keyword("on")],
            ("approval", 6) => Values("approval-status"),
            ("change", 4) => [Keyword("by")],
            ("store" or "dataset" or "role" or "backup" or "policy" or "classification" or "approval" or "change", _) when header[^1].Kind != TokenKind.RightBrace => [],
            _ => Declarations(),
        };
    }

    private static IEnumerable<CompletionItem> Declarations() =>
        KeywordDocs.Declarations.Select(d => Keyword(d.Keyword, d.Summary)).Concat(Snippets());

    private static IEnumerable<CompletionItem> Snippets() =>
    [
        Snippet("store … postgres", "store ${1:name} postgres {\n  connection env(\"${2:PG_URL}\")\n  tls required\n}", "a PostgreSQL store"),
        Snippet("store … s3", "store ${1:name} s3 {\n  bucket \"${2:bucket}\"\n  encryption aes256\n}", "an S3 store"),
        Snippet("dataset … table", "dataset ${1:name} in ${2:store} table \"${3:schema.table}\" {\n  owner \"${4:team}\"\n  classification ${5:internal}\n  $0\n}", "a dataset"),
        Snippet("controls cis-v8", "controls cis-v8 {\n  require ${1:3.1}\n}", "the safeguards the policy claims"),
    ];

    // Location kinds that fit the store's kind (GOV0200 otherwise); all of them when the store is unknown.
    private static IEnumerable<CompletionItem> LocationKinds(string? storeKind)
    {
        string[] fitting = storeKind switch
        {
            "postgres" => ["table"],
            "mongodb" => ["collection"],
            "s3" => ["prefix"],
            "duckdb" => ["table", "file"],
            "folder" => ["file"],
            _ => ["table", "collection", "prefix", "file"],
        };
        return Values("location-kind").Where(i => fitting.Contains(i.Label))
            .Select(i => i with { InsertText = $"{i.Label} \"$1\" {{\n  $0\n}}", IsSnippet = true });
    }
}
