using System.Text.Json.Nodes;
using PolicyLang.Core.Services;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;
using PolicyLang.LanguageServer.Workspace;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary>
/// <c>textDocument/codeAction</c>: a quick fix for every diagnostic in the range that suggests one (with that diagnostic
/// attached), and "require this safeguard" refactorings in a <c>controls</c> block.
/// </summary>
internal sealed class CodeActionHandler(ServerContext server) : RequestHandler<CodeActionParams, IReadOnlyList<Protocol.CodeAction>>(server, "textDocument/codeAction")
{
    private const string QuickFix = "quickfix";
    private const string Refactor = "refactor.rewrite";

    public override void Advertise(JsonObject capabilities) =>
        capabilities["codeActionProvider"] = new JsonObject { ["codeActionKinds"] = new JsonArray(QuickFix, Refactor) };

    protected override IReadOnlyList<Protocol.CodeAction> Handle(CodeActionParams request, CancellationToken cancellation)
    {
        if (Server.Workspace.Document(request.TextDocument.Uri) is not { Snapshot: var snapshot, Document: var document } target)
        {
            return [];
        }

        var start = target.ToOffset(request.Range.Start);
        var end = Math.Max(start, target.ToOffset(request.Range.End));
        var only = request.Context?.Only;
        return [.. CodeActionsService.GetCodeActions(snapshot.Compilation, document.File.Path, new Core.Text.TextSpan(start, end - start))
            .Select(action => (Action: action, Kind: action.Diagnostic is null ? Refactor : QuickFix))
            .Where(a => only is null || only.Count == 0 || only.Any(o => a.Kind == o || a.Kind.StartsWith(o + ".", StringComparison.Ordinal)))
            .Select(a => new Protocol.CodeAction(
                a.Action.Title,
                a.Kind,
                a.Action.Diagnostic is { } diagnostic ? [DiagnosticConversion.Convert(snapshot, diagnostic)] : null,
                a.Action.IsPreferred ? true : null,
                CoreSpans.ToWorkspaceEdit(snapshot, a.Action.Edits)))];
    }
}
