using PolicyLang.Core.Binding;
using PolicyLang.Core.Compilation;
using PolicyLang.Core.Parsing;
using static PolicyLang.Core.Services.CompletionService;

namespace PolicyLang.Core.Services;

/// <summary>Completion inside a <c>dataset</c> block: members, rule forms and options, retention flows, masks and grants.</summary>
internal static class CompletionDataset
{
    private static readonly string[] Checks = ["not null", "unique", "between", "in", "matches", "references", "fresher than"];

    public static IEnumerable<CompletionItem> Propose(PolicyCompilation compilation, CompletionContext context, CompletionNames names)
    {
        var dataset = context.HeaderWord(1);
        var isPrefix = context.HeaderWord(4) == "prefix";
        var last = context.LastText();
        var count = context.Statement.Count;
        // An s3 prefix has no rows to watermark.
        var members = isPrefix ? Members(BlockKind.Dataset).Where(m => m.Label != "watermark") : Members(BlockKind.Dataset);
        return context.StatementKeyword switch
        {
            null => members,
            "watermark" when count == 1 => names.Columns(dataset),
            "classification" when count == 1 => names.Levels(),
            "key" when count == 1 || last == "," => names.Columns(dataset),
            "column" when count == 2 => ColumnTypes.Known.Select(t => new CompletionItem(t, CompletionItemKind.Type, "column type")),
            "column" when count >= 3 && last is not "not" => [Keyword("not null", KeywordDocs.Find("not", BlockKind.Dataset)), Keyword("pii", KeywordDocs.Find("pii", BlockKind.Dataset)), .. members],
            "column" when last == "not" => [Keyword("null")],
            "column" => [],
            "schedule" => CompletionBlocks.Schedule(context, () => members),
            "expect" => Rule(compilation, context, names, dataset, isPrefix),
            "retain" => Retain(context, names, dataset, isPrefix),
            "mask" => count switch
            {
                1 => names.Columns(dataset),
                2 => [Keyword("with")],
                3 => Values("mask").Select(i => i.Label == "last" ? i with { Label = "last(n)", InsertText = "last(${1:4})", IsSnippet = true } : i),
                _ => members,
            },
            "grant" => count switch
            {
                1 => Values("privilege"),
                2 => [Keyword("to")],
                _ when last is "to" or "," => names.Roles(),
                _ => members,
            },
            _ when count >= 2 => members,
            _ => [],
        };
    }

    private static IEnumerable<CompletionItem> Rule(PolicyCompilation compilation, CompletionContext context, CompletionNames names, string? dataset, bool isPrefix)
    {
        var statement = context.Statement;
        var last = context.LastText();
        if (statement.Count == 1)
        {
            IEnumerable<CompletionItem> forms = isPrefix
                ? [Snippet("objects at least", "objects at least ${1:1}", KeywordDocs.Find("objects", BlockKind.Dataset)),
                   Snippet("object-age fresher than", "object-age fresher than ${1:1} ${2:day}", KeywordDocs.Find("object-age", BlockKind.Dataset))]
                : [Snippet("rows at least", "rows at least ${1:1}", KeywordDocs.Find("rows", BlockKind.Dataset)),
                   Snippet("csharp", "csharp \"$1\"", KeywordDocs.Find("csharp", BlockKind.Dataset))];
            return isPrefix ? forms : names.Columns(dataset).Concat(forms);
        }

        return last switch
        {
            "references" => names.Datasets(),
            "severity" => Values("severity"),
            "covers" or "," => CompletionNames.Safeguards(compilation),
            "or" or "not" => [Keyword("null")],
            "fresher" or "object-age" => [Keyword("than")],
            "rows" or "objects" => [Keyword("at")],
            "at" => [Keyword("least")],
            "incremental" => [Keyword("by")],
            "by" when context.LastText(1) == "incremental" => names.Columns(dataset),
            "as" or "tolerance" or "between" or "and" or "in" or "matches" or "than" or "least" or "csharp" => [],
            _ when IsComparison(context.Last) => [],
            _ when statement.Count == 2 && statement[1].Kind == TokenKind.Word => CheckForms(),
            _ when IsNumber(context.Last) && context.LastText(1) is "than" => DurationUnits(),
            _ => Options().Concat(Members(BlockKind.Dataset)),
        };
    }

    private static IEnumerable<CompletionItem> CheckForms() =>
        Checks.Select(c => Keyword(c, KeywordDocs.Find(c.Split(' ')[0], BlockKind.Dataset)))
            .Concat([Snippet("between … and …", "between ${1:0} and ${2:100}", KeywordDocs.Find("between", BlockKind.Dataset)),
                     Snippet("in […]", "in [${1}]", KeywordDocs.Find("in", BlockKind.Dataset))]);

    private static IEnumerable<CompletionItem> Options() =>
        new[] { "as", "severity", "tolerance", "covers" }.Select(o => Keyword(o, KeywordDocs.Find(o, BlockKind.Dataset)))
            .Append(Keyword("or null", KeywordDocs.Find("or", BlockKind.Dataset)))
            .Append(Keyword("incremental by", KeywordDocs.Find("incremental", BlockKind.Dataset)));

    private static bool IsComparison(Token? token) =>
        token?.Kind is TokenKind.Less or TokenKind.Greater or TokenKind.LessOrEqual or TokenKind.GreaterOrEqual or TokenKind.Equal or TokenKind.NotEqual;

    // retain <n> <unit> by <column|last-modified> then [archive to <store> as <format> then] delete|anonymize <columns>
    private static IEnumerable<CompletionItem> Retain(CompletionContext context, CompletionNames names, string? dataset, bool isPrefix)
    {
        var last = context.LastText();
        var afterArchive = context.Statement.Any(t => t.IsWord("archive"));
        return last switch
        {
            _ when IsNumber(context.Last) && context.Statement.Count == 2 => DurationUnits(),
            "by" => isPrefix ? [Keyword("last-modified", KeywordDocs.Find("last-modified", BlockKind.Dataset))] : names.Columns(dataset, IsTimeType),
            "then" when !afterArchive => [
                Snippet("archive to … as …", "archive to ${1:store} as ${2|parquet,jsonl|} then ", KeywordDocs.Find("archive", BlockKind.Dataset)),
                .. Values("retention-action").Where(a => !isPrefix || a.Label == "delete")],
            "then" => Values("retention-action").Where(a => !isPrefix || a.Label == "delete"),
            "archive" => [Keyword("to")],
            "to" => names.Stores(store => names.StoreKind(store) is "s3" or "folder" or null),
            "as" => Values("archive-format"),
            "anonymize" or "," => names.Columns(dataset),
            "delete" => Members(BlockKind.Dataset),
            _ when context.Statement.Count == 3 => [Keyword("by")],
            _ when context.LastText(1) == "by" => [Keyword("then")],
            _ when context.LastText(1) == "to" => [Keyword("as")],
            _ when context.LastText(1) == "as" => [Keyword("then")],
            _ when context.Statement.Any(t => t.IsWord("anonymize")) => [.. Members(BlockKind.Dataset)],
            _ => [],
        };
    }
}
