using System.Text.Json.Nodes;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary><c>textDocument/didOpen</c>: the buffer's text replaces the file's text on disk; its policy is re-diagnosed.</summary>
internal sealed class DidOpenHandler(ServerContext server) : NotificationHandler<DidOpenTextDocumentParams>(server, "textDocument/didOpen")
{
    public override void Advertise(JsonObject capabilities) => capabilities.Object("textDocumentSync")["openClose"] = true;

    protected override void Handle(DidOpenTextDocumentParams notification) =>
        Server.Workspace.Open(notification.TextDocument.Uri, notification.TextDocument.Version, notification.TextDocument.Text ?? string.Empty);
}
