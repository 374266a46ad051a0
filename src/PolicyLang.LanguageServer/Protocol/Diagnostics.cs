namespace PolicyLang.LanguageServer.Protocol;

public sealed record DiagnosticRelatedInformation(Location Location, string Message);

/// <summary><see cref="Severity"/>: 1 error, 2 warning, 3 information, 4 hint.</summary>
public sealed record LspDiagnostic(
    Range Range,
    int Severity,
    string Code,
    string Source,
    string Message,
    IReadOnlyList<DiagnosticRelatedInformation>? RelatedInformation);

public sealed record PublishDiagnosticsParams(string Uri, int? Version, IReadOnlyList<LspDiagnostic> Diagnostics);
