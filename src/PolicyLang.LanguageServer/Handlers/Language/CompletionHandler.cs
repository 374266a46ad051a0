using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PolicyLang.Core.Services;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;
using CoreItemKind = PolicyLang.Core.Services.CompletionItemKind;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary>
/// <c>textDocument/completion</c>: Core's proposals in context. Each item replaces the word being typed (a text edit);
/// snippets are sent as snippets only to clients that support them, as plain text otherwise.
/// </summary>
internal sealed partial class CompletionHandler(ServerContext server) : RequestHandler<CompletionParams, Protocol.CompletionList>(server, "textDocument/completion")
{
    public override void Advertise(JsonObject capabilities) =>
        capabilities["completionProvider"] = new JsonObject { ["triggerCharacters"] = new JsonArray(".", " ", ","), ["resolveProvider"] = false };

    protected override Protocol.CompletionList Handle(CompletionParams request, CancellationToken cancellation)
    {
        if (CoreSpans.Resolve(Server, request.TextDocument.Uri, request.Position) is not var (snapshot, document, offset))
        {
            return new Protocol.CompletionList(false, []);
        }

        var list = CompletionService.GetCompletions(snapshot.Compilation, document.File.Path, offset);
        var range = snapshot.ToRange(document.File, list.ReplaceSpan);
        var snippets = Server.ClientCapabilities.Supports("textDocument", "completion", "completionItem", "snippetSupport");
        return new Protocol.CompletionList(false, [.. list.Items.Select((item, i) => new Protocol.CompletionItem(
            item.Label,
            Kind(item.Kind),
            item.Detail,
            item.Documentation is { } documentation ? new MarkupContent("markdown", documentation) : null,
            i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
            item.Label,
            new Protocol.TextEdit(range, item.IsSnippet && !snippets ? PlainText(item.InsertText) : item.InsertText),
            item.IsSnippet && snippets ? 2 : 1))]);
    }

    // LSP CompletionItemKind numbers.
    private static int Kind(CoreItemKind kind) => kind switch
    {
        CoreItemKind.Keyword => 14,
        CoreItemKind.Snippet => 15,
        CoreItemKind.StoreKind => 13,
        CoreItemKind.Setting => 10,
        CoreItemKind.Value => 12,
        CoreItemKind.Type => 25,
        CoreItemKind.Store => 9,
        CoreItemKind.Dataset => 22,
        CoreItemKind.Column => 5,
        CoreItemKind.Role => 8,
        CoreItemKind.ClassificationLevel => 20,
        CoreItemKind.Rule => 3,
        CoreItemKind.Safeguard => 21,
        CoreItemKind.Framework => 18,
        _ => 1,
    };

    /// <summary>A snippet as plain text: placeholders keep their default (<c>${1:name}</c> → <c>name</c>, <c>${1|a,b|}</c> → <c>a</c>), tab stops vanish.</summary>
    internal static string PlainText(string snippet) =>
        TabStop().Replace(Choice().Replace(Placeholder().Replace(snippet, "${text}"), "${first}"), string.Empty);

    [GeneratedRegex(@"\$\{\d+:(?<text>[^}]*)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\$\{\d+\|(?<first>[^,|]*)[^}]*\|\}")]
    private static partial Regex Choice();

    [GeneratedRegex(@"\$\d+")]
    private static partial Regex TabStop();
}
