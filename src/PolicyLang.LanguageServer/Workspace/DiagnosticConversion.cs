using PolicyLang.Core.Diagnostics;
using PolicyLang.LanguageServer.Protocol;

namespace PolicyLang.LanguageServer.Workspace;

/// <summary>Core diagnostics as LSP diagnostics: the same code, message and span as <c>policyc check</c> prints.</summary>
public static class DiagnosticConversion
{
    public const string Source = "policyc";

    public static IReadOnlyDictionary<PolicyDocument, List<LspDiagnostic>> ByDocument(PolicySnapshot snapshot)
    {
        var result = new Dictionary<PolicyDocument, List<LspDiagnostic>>();
        foreach (var diagnostic in snapshot.Compilation.Diagnostics)
        {
            var document = snapshot.DocumentOf(diagnostic.File);
            if (!result.TryGetValue(document, out var list))
            {
                list = [];
                result[document] = list;
            }

            list.Add(Convert(snapshot, diagnostic));
        }

        return result;
    }

    public static LspDiagnostic Convert(PolicySnapshot snapshot, Diagnostic diagnostic) => new(
        snapshot.ToRange(diagnostic.File, diagnostic.Span),
        diagnostic.Severity switch
        {
            DiagnosticSeverity.Error => 1,
            DiagnosticSeverity.Warning => 2,
            _ => 3,
        },
        diagnostic.Code,
        Source,
        diagnostic.Message,
        diagnostic.Related is { } related ? [new DiagnosticRelatedInformation(snapshot.ToLocation(related.File, related.Span), related.Message)] : null);
}
