using System.Text.Json.Nodes;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary><c>textDocument/didChange</c>: incremental sync (range edits; a change without a range replaces the whole text).</summary>
internal sealed class DidChangeHandler(ServerContext server) : NotificationHandler<DidChangeTextDocumentParams>(server, "textDocument/didChange")
{
    private const int Incremental = 2;

    public override void Advertise(JsonObject capabilities) => capabilities.Object("textDocumentSync")["change"] = Incremental;

    protected override void Handle(DidChangeTextDocumentParams notification) =>
        Server.Workspace.Change(notification.TextDocument.Uri, notification.TextDocument.Version, notification.ContentChanges ?? []);
}
