using System.Text.Json.Nodes;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary><c>textDocument/didSave</c>: the saved file is read again from disk (it counts once the buffer closes).</summary>
internal sealed class DidSaveHandler(ServerContext server) : NotificationHandler<DidSaveTextDocumentParams>(server, "textDocument/didSave")
{
    public override void Advertise(JsonObject capabilities) => capabilities.Object("textDocumentSync")["save"] = new JsonObject { ["includeText"] = false };

    protected override void Handle(DidSaveTextDocumentParams notification) => Server.Workspace.DiskChanged(notification.TextDocument.Uri);
}
