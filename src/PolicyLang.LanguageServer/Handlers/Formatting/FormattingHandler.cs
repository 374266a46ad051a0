using System.Text.Json.Nodes;
using PolicyLang.Core.Formatting;
using PolicyLang.Core.Text;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary>
/// <c>textDocument/formatting</c>: the text <c>policyc fmt</c> writes (<see cref="PolicyFormatter"/>), as one edit of
/// the part that changes. A file with syntax errors is left as it is (no edits; the errors are in its diagnostics).
/// </summary>
internal sealed class FormattingHandler(ServerContext server) : RequestHandler<DocumentFormattingParams, IReadOnlyList<TextEdit>?>(server, "textDocument/formatting")
{
    public override void Advertise(JsonObject capabilities) => capabilities["documentFormattingProvider"] = true;

    protected override IReadOnlyList<TextEdit>? Handle(DocumentFormattingParams request, CancellationToken cancellation)
    {
        if (Server.Workspace.Document(request.TextDocument.Uri) is not { } target)
        {
            return null;
        }

        var original = target.Document.File.Text;
        if (PolicyFormatter.Format(target.Document.File).Text is not { } formatted)
        {
            return null;
        }

        if (formatted == original)
        {
            return [];
        }

        // Only whitespace changes: the edit covers the text between the common prefix and the common suffix.
        var prefix = original.AsSpan().CommonPrefixLength(formatted);
        var suffix = 0;
        while (suffix < original.Length - prefix && suffix < formatted.Length - prefix && original[^(suffix + 1)] == formatted[^(suffix + 1)])
        {
            suffix++;
        }

        // Never between the \r and \n of a line break: that position does not exist for the client.
        if (prefix > 0 && original[prefix - 1] == '\r')
        {
            prefix--;
        }

        if (suffix > 0 && original[^suffix] == '\n' && suffix < original.Length - prefix && original[^(suffix + 1)] == '\r')
        {
            suffix--;
        }

        var span = new TextSpan(prefix, original.Length - prefix - suffix);
        return [new TextEdit(target.ToRange(span), formatted[prefix..(formatted.Length - suffix)])];
    }
}
