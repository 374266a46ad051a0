using System.Text.Json.Nodes;
using PolicyLang.Core.Services;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary>
/// <c>textDocument/rename</c>: edits in every file of the policy. A refused rename (invalid name, keyword, a name already
/// taken, a change of meaning) is a RequestFailed error whose message says why, which clients show.
/// </summary>
internal sealed class RenameHandler(ServerContext server) : RequestHandler<RenameParams, WorkspaceEdit?>(server, "textDocument/rename")
{
    public override void Advertise(JsonObject capabilities) => capabilities["renameProvider"] = new JsonObject { ["prepareProvider"] = true };

    protected override WorkspaceEdit? Handle(RenameParams request, CancellationToken cancellation)
    {
        if (CoreSpans.Resolve(Server, request.TextDocument.Uri, request.Position) is not var (snapshot, document, offset))
        {
            return null;
        }

        var result = NavigationService.Rename(snapshot.Compilation, document.File.Path, offset, request.NewName);
        return result.Error is { } error ? throw CoreSpans.RequestFailed(error) : CoreSpans.ToWorkspaceEdit(snapshot, result.Edits);
    }
}
