using PolicyLang.Core.Compilation;
using PolicyLang.Core.Parsing;
using static PolicyLang.Core.Services.CompletionService;

namespace PolicyLang.Core.Services;

/// <summary>Completion inside <c>policy</c>, <c>store</c>, <c>audit</c>, <c>backup</c>, <c>controls</c> and <c>test</c> blocks.</summary>
internal static class CompletionBlocks
{
    public static IEnumerable<CompletionItem> Propose(PolicyCompilation compilation, CompletionContext context, CompletionNames names) =>
        context.Block switch
        {
            BlockKind.Policy => Policy(context),
            BlockKind.Store => Store(context),
            BlockKind.Audit => Audit(context, names),
            BlockKind.Backup => Backup(context, names),
            BlockKind.Controls => Controls(compilation, context),
            BlockKind.Test => Test(context, names),
            BlockKind.TestRow => TestRow(context, names),
            BlockKind.History => History(context, names),
            _ => [],
        };

    private static bool Complete(CompletionContext context) => context.Statement.Count >= 2 || context.Statement.Count == 0;

    private static IEnumerable<CompletionItem> Policy(CompletionContext context) => context.LastText() switch
    {
        "frameworks" or "," => Frameworks(),
        "review" => [Keyword("every")],
        "every" => [],
        _ when context.StatementKeyword == "schedule" => Schedule(context, () => Members(BlockKind.Policy)),
        _ when IsNumber(context.Last) && context.StatementKeyword == "review" => DurationUnits(),
        _ when Complete(context) => [.. Members(BlockKind.Policy)
            .Select(m => m.Label == "review" ? m with { InsertText = "review every ${1:90} ${2:days}", IsSnippet = true } : m)],
        _ => [],
    };

    /// <summary>
    /// Inside <c>schedule "cron" [in "Zone"]</c>: a cron snippet after the keyword, <c>in</c> (then a zone) after the expression,
    /// the block's members once the statement is complete.
    /// </summary>
    internal static IEnumerable<CompletionItem> Schedule(CompletionContext context, Func<IEnumerable<CompletionItem>> members) => context.Statement.Count switch
    {
        1 => [Snippet("\"cron\"", "\"${1:30} ${2:2} * * *\"", "minute hour day-of-month month day-of-week")],
        2 => [Keyword("in", "`in \"Europe/Berlin\"`: the IANA time zone of the schedule (default UTC)."), .. members()],
        3 => [Snippet("\"Zone\"", "\"${1:Europe/Berlin}\"", "an IANA time zone id")],
        _ => members(),
    };

    // Settings of the header's store kind; a setting already written is not proposed again.
    private static IEnumerable<CompletionItem> Store(CompletionContext context)
    {
        var kind = context.HeaderWord(2);
        return context.LastText() switch
        {
            "tls" => Values("tls"),
            "storage-class" => Values("storage-class"),
            "encryption" => Values("encryption").Select(v => v.Label == "kms" ? v with { InsertText = "kms \"${1:key-id}\"", IsSnippet = true } : v),
            "connection" or "endpoint" => [Snippet("env(\"…\")", "env(\"${1:NAME}\")", "a value read from the runner's environment")],
            "bucket" or "region" or "file" or "path" => [],
            _ => StoreSettings(kind).Where(s => !context.BlockTokens.Any(t => t.IsWord(s.Label))),
        };
    }

    private static IEnumerable<CompletionItem> StoreSettings(string? kind) =>
        kind is not null && KeywordDocs.StoreSettings.TryGetValue(kind, out var allowed)
            ? Members(BlockKind.Store).Where(m => allowed.Contains(m.Label))
            : Members(BlockKind.Store);

    private static IEnumerable<CompletionItem> Audit(CompletionContext context, CompletionNames names) => context.LastText() switch
    {
        "store" => names.Stores(),
        "table" or "retain" => [],
        _ when IsNumber(context.Last) => DurationUnits(),
        _ => Members(BlockKind.Audit).Where(s => !context.BlockTokens.Any(t => t.IsWord(s.Label))),
    };

    private static IEnumerable<CompletionItem> History(CompletionContext context, CompletionNames names) => context.LastText() switch
    {
        "store" => names.Stores(),
        "table" or "collection" or "path" => [],
        _ => Members(BlockKind.History).Where(s => !context.BlockTokens.Any(t => t.IsWord(s.Label))),
    };

    private static IEnumerable<CompletionItem> Backup(CompletionContext context, CompletionNames names) => context.LastText() switch
    {
        "covers" or "," or "offsite" => names.Stores(),
        "every" => Values("period"),
        "restore-test" => [Keyword("every")],
        "evidence" => [Keyword("in")],
        "in" => names.Stores(),
        "encryption" => Values("encryption"),
        "keep" or "tool" or "retain" => [],
        _ when IsNumber(context.Last) && context.StatementKeyword == "retain" => DurationUnits(),
        _ when context.StatementKeyword == "every" && context.Statement.Count == 2 => [Keyword("keep")],
        _ => Members(BlockKind.Backup).Select(m => m.Label switch
        {
            "every" => m with { InsertText = "every ${1|day,week,month,quarter,year|} keep ${2:4}", IsSnippet = true },
            "restore-test" => m with { InsertText = "restore-test every ${1|month,quarter,year|}", IsSnippet = true },
            "evidence" => m with { InsertText = "evidence in ${1:store} prefix \"${2:backups/}\"", IsSnippet = true },
            _ => m,
        }),
    };

    private static IEnumerable<CompletionItem> Controls(PolicyCompilation compilation, CompletionContext context) =>
        context.LastText() switch
        {
            "require" or "," or "evidence" or "waive" => CompletionNames.Safeguards(compilation),
            "until" => [],
            _ when context.StatementKeyword == "waive" && context.Last?.Kind == TokenKind.String => [Keyword("until")],
            _ => Members(BlockKind.Controls),
        };

    private static IEnumerable<CompletionItem> Test(CompletionContext context, CompletionNames names)
    {
        var dataset = context.HeaderWord(1);
        return context.LastText() switch
        {
            "}" => Members(BlockKind.TestRow),
            "fails" or "," => names.Rules(dataset),
            "passes" => Members(BlockKind.Test),
            _ when context.Statement.Count == 0 => Members(BlockKind.Test).Select(m => m with { InsertText = "row { $1 } ${2|passes,fails|}", IsSnippet = true }),
            _ => Members(BlockKind.Test).Concat(Members(BlockKind.TestRow)),
        };
    }

    private static IEnumerable<CompletionItem> TestRow(CompletionContext context, CompletionNames names) => context.Last?.Kind switch
    {
        TokenKind.Colon => new[] { "true", "false", "null", "now" }.Select(v => Keyword(v, v == "now" ? "the time the test runs" : null)),
        null or TokenKind.Comma => names.Columns(context.HeaderWord(1)),
        _ => [],
    };
}
