using System.Text.Json.Nodes;
using PolicyLang.Core.Services;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary><c>textDocument/references</c>: every place a name is written, across the policy's files.</summary>
internal sealed class ReferencesHandler(ServerContext server) : RequestHandler<ReferenceParams, IReadOnlyList<Location>>(server, "textDocument/references")
{
    public override void Advertise(JsonObject capabilities) => capabilities["referencesProvider"] = true;

    protected override IReadOnlyList<Location> Handle(ReferenceParams request, CancellationToken cancellation) =>
        CoreSpans.Resolve(Server, request.TextDocument.Uri, request.Position) is var (snapshot, document, offset)
            ? [.. NavigationService.FindReferences(snapshot.Compilation, document.File.Path, offset, request.Context?.IncludeDeclaration ?? true)
                .Select(s => CoreSpans.ToLocation(snapshot, s))]
            : [];
}
