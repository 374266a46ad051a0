using PolicyLang.Core.Services;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary>
/// <c>textDocument/prepareRename</c>: the name under the cursor and its range; null where there is nothing to rename, which
/// LSP defines as "rename is not valid here" (a <c>textDocument/rename</c> there fails with the reason).
/// Advertised by <see cref="RenameHandler"/> (<c>renameProvider.prepareProvider</c>).
/// </summary>
internal sealed class PrepareRenameHandler(ServerContext server) : RequestHandler<TextDocumentPositionParams, Protocol.PrepareRenameResult?>(server, "textDocument/prepareRename")
{
    protected override Protocol.PrepareRenameResult? Handle(TextDocumentPositionParams request, CancellationToken cancellation)
    {
        if (CoreSpans.Resolve(Server, request.TextDocument.Uri, request.Position) is not var (snapshot, document, offset))
        {
            return null;
        }

        var prepared = NavigationService.PrepareRename(snapshot.Compilation, document.File.Path, offset);
        return prepared is { Range: { } range, Placeholder: { } placeholder }
            ? new Protocol.PrepareRenameResult(CoreSpans.ToRange(snapshot, range), placeholder)
            : null;
    }
}
