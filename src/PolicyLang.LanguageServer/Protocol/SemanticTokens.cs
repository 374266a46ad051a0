namespace PolicyLang.LanguageServer.Protocol;

public sealed record SemanticTokensParams(TextDocumentIdentifier TextDocument);

/// <summary>Five integers per token: line delta, start delta, length, type index, modifier bits (LSP's relative encoding).</summary>
public sealed record SemanticTokensResult(IReadOnlyList<int> Data);
