using System.Text.Json.Nodes;
using PolicyLang.Core.Services;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary><c>workspace/symbol</c>: symbols of every policy in the workspace whose name matches the query (Core's <see cref="WorkspaceSymbols"/>).</summary>
internal sealed class WorkspaceSymbolHandler(ServerContext server) : RequestHandler<WorkspaceSymbolParams, IReadOnlyList<SymbolInformation>>(server, "workspace/symbol")
{
    private const int Limit = 500;

    public override void Advertise(JsonObject capabilities) => capabilities["workspaceSymbolProvider"] = true;

    protected override IReadOnlyList<SymbolInformation> Handle(WorkspaceSymbolParams request, CancellationToken cancellation)
    {
        var found = new List<SymbolInformation>();
        foreach (var snapshot in Server.Workspace.AllSnapshots())
        {
            cancellation.ThrowIfCancellationRequested();
            found.AddRange(WorkspaceSymbols.Search(snapshot.Compilation, request.Query ?? string.Empty, Limit - found.Count).Select(match =>
                new SymbolInformation(match.Symbol.Name, SymbolKinds.Of(match.Symbol.Kind), snapshot.ToLocation(match.File, match.Symbol.NameSpan), match.Container)));
        }

        return found;
    }
}
