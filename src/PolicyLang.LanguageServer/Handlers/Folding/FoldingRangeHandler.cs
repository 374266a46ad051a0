using System.Text.Json.Nodes;
using PolicyLang.Core.Services;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary>
/// <c>textDocument/foldingRange</c>: Core's <see cref="FoldingRegions"/> as line ranges. A block folds up to the line
/// before its closing bracket, so the bracket stays visible; regions within one line are left out.
/// </summary>
internal sealed class FoldingRangeHandler(ServerContext server) : RequestHandler<FoldingRangeParams, IReadOnlyList<FoldingRange>?>(server, "textDocument/foldingRange")
{
    public override void Advertise(JsonObject capabilities) => capabilities["foldingRangeProvider"] = true;

    protected override IReadOnlyList<FoldingRange>? Handle(FoldingRangeParams request, CancellationToken cancellation)
    {
        if (Server.Workspace.Document(request.TextDocument.Uri) is not { } target)
        {
            return null;
        }

        var ranges = new List<FoldingRange>();
        foreach (var region in FoldingRegions.Of(target.Syntax))
        {
            var range = target.ToRange(region.Span);
            var comment = region.Kind == FoldingRegionKind.Comment;
            var endLine = comment ? range.End.Line : range.End.Line - 1;
            if (endLine > range.Start.Line)
            {
                ranges.Add(new FoldingRange(range.Start.Line, endLine, comment ? "comment" : null));
            }
        }

        return ranges;
    }
}
