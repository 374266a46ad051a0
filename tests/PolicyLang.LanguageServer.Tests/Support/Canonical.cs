using PolicyLang.LanguageServer.Protocol;

namespace PolicyLang.LanguageServer.Tests.Support;

/// <summary>LSP diagnostics written as <c>policyc check</c> prints them (UTF-16 positions, 1-based), to compare the two.</summary>
internal static class Canonical
{
    public static string Line(string path, LspDiagnostic diagnostic)
    {
        var severity = diagnostic.Severity switch { 1 => "error", 2 => "warning", _ => "info" };
        return $"{path}({diagnostic.Range.Start.Line + 1},{diagnostic.Range.Start.Character + 1}): {severity} {diagnostic.Code}: {diagnostic.Message}";
    }
}
