namespace PolicyLang.Core.Diagnostics;

/// <summary>
/// A catalogue entry: a stable code with its severity, a title, a longer explanation and a
/// policy fragment that triggers it. Tests check every example really produces its code,
/// and docs/diagnostics.md is generated from these entries.
/// </summary>
public sealed record DiagnosticDescriptor(
    string Code,
    DiagnosticSeverity Severity,
    string Title,
    string Explanation,
    string Example)
{
    public string HelpUri => $"https://policylang.dev/diagnostics#{Code.ToLowerInvariant()}";
}
