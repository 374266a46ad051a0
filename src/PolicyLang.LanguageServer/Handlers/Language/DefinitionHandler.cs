using System.Text.Json.Nodes;
using PolicyLang.Core.Services;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary><c>textDocument/definition</c>: where a store, dataset, column, role, level or rule is declared, in any file of the policy.</summary>
internal sealed class DefinitionHandler(ServerContext server) : RequestHandler<TextDocumentPositionParams, IReadOnlyList<Location>>(server, "textDocument/definition")
{
    public override void Advertise(JsonObject capabilities) => capabilities["definitionProvider"] = true;

    protected override IReadOnlyList<Location> Handle(TextDocumentPositionParams request, CancellationToken cancellation) =>
        CoreSpans.Resolve(Server, request.TextDocument.Uri, request.Position) is var (snapshot, document, offset)
            ? [.. NavigationService.GetDefinition(snapshot.Compilation, document.File.Path, offset).Select(s => CoreSpans.ToLocation(snapshot, s))]
            : [];
}
