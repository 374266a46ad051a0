using PolicyLang.Core.Services;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Workspace;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary>Core's (file path, span) answers as LSP locations and edits of a snapshot's documents.</summary>
internal static class CoreSpans
{
    public static PolicyDocument Document(PolicySnapshot snapshot, string path) =>
        snapshot.Documents.First(d => d.File.Path == path);

    public static Location ToLocation(PolicySnapshot snapshot, DocumentSpan span) =>
        snapshot.ToLocation(Document(snapshot, span.Path).File, span.Span);

    public static Range ToRange(PolicySnapshot snapshot, DocumentSpan span) =>
        snapshot.ToRange(Document(snapshot, span.Path).File, span.Span);

    public static WorkspaceEdit ToWorkspaceEdit(PolicySnapshot snapshot, IEnumerable<Core.Services.TextEdit> edits) =>
        new(edits.GroupBy(e => e.Path).ToDictionary(
            g => Document(snapshot, g.Key).Uri,
            g => (IReadOnlyList<Protocol.TextEdit>)[.. g.Select(e => new Protocol.TextEdit(snapshot.ToRange(Document(snapshot, e.Path).File, e.Span), e.NewText))]));

    /// <summary>The snapshot and document of a request, with the position as an offset; null when the server does not know the document.</summary>
    public static (PolicySnapshot Snapshot, PolicyDocument Document, int Offset)? Resolve(Rpc.ServerContext server, string uri, Position position) =>
        server.Workspace.Document(uri) is { } target ? (target.Snapshot, target.Document, target.ToOffset(position)) : null;

    public static LocalRpcException RequestFailed(string message) => new(message) { ErrorCode = ErrorCodes.RequestFailed };
}
