using System.Text.Json.Nodes;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary><c>textDocument/didClose</c>: the file's text on disk counts again.</summary>
internal sealed class DidCloseHandler(ServerContext server) : NotificationHandler<DidCloseTextDocumentParams>(server, "textDocument/didClose")
{
    public override void Advertise(JsonObject capabilities) => capabilities.Object("textDocumentSync")["openClose"] = true;

    protected override void Handle(DidCloseTextDocumentParams notification) => Server.Workspace.Close(notification.TextDocument.Uri);
}
