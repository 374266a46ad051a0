using System.Text.Json.Nodes;
using PolicyLang.Core.Services;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;
using PolicyLang.LanguageServer.Workspace;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary>
/// <c>textDocument/documentSymbol</c>: the file's outline (Core's <see cref="DocumentSymbols"/>), hierarchical, or flat
/// with container names for clients that do not support hierarchy.
/// </summary>
internal sealed class DocumentSymbolHandler(ServerContext server) : RequestHandler<DocumentSymbolParams, object?>(server, "textDocument/documentSymbol")
{
    public override void Advertise(JsonObject capabilities) => capabilities["documentSymbolProvider"] = true;

    protected override object? Handle(DocumentSymbolParams request, CancellationToken cancellation)
    {
        if (Server.Workspace.Document(request.TextDocument.Uri) is not { } target)
        {
            return null;
        }

        var symbols = DocumentSymbols.Of(target.Snapshot.Compilation, target.Document.File);
        if (Server.ClientCapabilities.Supports("textDocument", "documentSymbol", "hierarchicalDocumentSymbolSupport"))
        {
            return symbols.Select(s => Hierarchical(target, s)).ToList();
        }

        var flat = new List<SymbolInformation>();
        Flatten(target, symbols, null, flat);
        return flat;
    }

    private static DocumentSymbol Hierarchical(DocumentInPolicy target, PolicySymbol symbol) => new(
        symbol.Name,
        symbol.Detail,
        SymbolKinds.Of(symbol.Kind),
        target.ToRange(symbol.Span),
        target.ToRange(symbol.NameSpan),
        symbol.Children.Count == 0 ? null : [.. symbol.Children.Select(c => Hierarchical(target, c))]);

    private static void Flatten(DocumentInPolicy target, IReadOnlyList<PolicySymbol> symbols, string? container, List<SymbolInformation> into)
    {
        foreach (var symbol in symbols)
        {
            into.Add(new SymbolInformation(symbol.Name, SymbolKinds.Of(symbol.Kind), new Location(target.Document.Uri, target.ToRange(symbol.Span)), container));
            Flatten(target, symbol.Children, symbol.Name, into);
        }
    }
}
