using System.Text.Json.Nodes;
using PolicyLang.Core.Services;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary>
/// <c>textDocument/semanticTokens/full</c>: Core's <see cref="SemanticTokens"/> classification in LSP's relative
/// encoding. A token over several lines (a block comment) is sent as one token per line.
/// </summary>
internal sealed class SemanticTokensFullHandler(ServerContext server) : RequestHandler<SemanticTokensParams, SemanticTokensResult?>(server, "textDocument/semanticTokens/full")
{
    public override void Advertise(JsonObject capabilities) => capabilities["semanticTokensProvider"] = new JsonObject
    {
        ["legend"] = new JsonObject
        {
            ["tokenTypes"] = new JsonArray([.. SemanticTokenLegend.TokenTypes.Select(t => JsonValue.Create(t))]),
            ["tokenModifiers"] = new JsonArray([.. SemanticTokenLegend.TokenModifiers.Select(t => JsonValue.Create(t))]),
        },
        ["full"] = true,
    };

    protected override SemanticTokensResult? Handle(SemanticTokensParams request, CancellationToken cancellation)
    {
        if (Server.Workspace.Document(request.TextDocument.Uri) is not { } target)
        {
            return null;
        }

        var lines = target.Document.Lines;
        var data = new List<int>();
        var (previousLine, previousStart) = (0, 0);
        foreach (var token in SemanticTokens.Classify(target.Syntax))
        {
            foreach (var (start, end) in lines.SplitByLine(token.Span.Start, token.Span.End))
            {
                var from = lines.ToPosition(start, Server.Encoding);
                var to = lines.ToPosition(end, Server.Encoding);
                data.Add(from.Line - previousLine);
                data.Add(from.Line == previousLine ? from.Character - previousStart : from.Character);
                data.Add(to.Character - from.Character);
                data.Add((int)token.Type);
                data.Add((int)token.Modifiers);
                (previousLine, previousStart) = (from.Line, from.Character);
            }
        }

        return new SemanticTokensResult(data);
    }
}
