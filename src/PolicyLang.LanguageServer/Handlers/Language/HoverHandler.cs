using System.Text.Json.Nodes;
using PolicyLang.Core.Services;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary><c>textDocument/hover</c>: keyword documentation, declaration summaries, safeguards and diagnostic codes (Core's HoverService).</summary>
internal sealed class HoverHandler(ServerContext server) : RequestHandler<TextDocumentPositionParams, Hover?>(server, "textDocument/hover")
{
    public override void Advertise(JsonObject capabilities) => capabilities["hoverProvider"] = true;

    protected override Hover? Handle(TextDocumentPositionParams request, CancellationToken cancellation)
    {
        if (CoreSpans.Resolve(Server, request.TextDocument.Uri, request.Position) is not var (snapshot, document, offset)
            || HoverService.GetHover(snapshot.Compilation, document.File.Path, offset) is not { } hover)
        {
            return null;
        }

        var markdown = Server.ClientCapabilities.Strings("textDocument", "hover", "contentFormat") is { Count: > 0 } formats && !formats.Contains("markdown")
            ? new MarkupContent("plaintext", hover.Markdown)
            : new MarkupContent("markdown", hover.Markdown);
        return new Hover(markdown, CoreSpans.ToRange(snapshot, hover.Range));
    }
}
