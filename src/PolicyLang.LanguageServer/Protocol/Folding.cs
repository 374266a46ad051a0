namespace PolicyLang.LanguageServer.Protocol;

public sealed record FoldingRangeParams(TextDocumentIdentifier TextDocument);

/// <summary><see cref="Kind"/>: <c>comment</c>, <c>region</c> or null (a block).</summary>
public sealed record FoldingRange(int StartLine, int EndLine, string? Kind);
