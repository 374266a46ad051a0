namespace PolicyLang.LanguageServer.Protocol;

/// <summary><see cref="Options"/> (tab size, spaces) is not read: a policy has one canonical layout.</summary>
public sealed record DocumentFormattingParams(TextDocumentIdentifier TextDocument, System.Text.Json.JsonElement? Options);
