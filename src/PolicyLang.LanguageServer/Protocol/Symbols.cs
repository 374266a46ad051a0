namespace PolicyLang.LanguageServer.Protocol;

public sealed record DocumentSymbolParams(TextDocumentIdentifier TextDocument);

/// <summary>A hierarchical outline entry; <see cref="SelectionRange"/> lies inside <see cref="Range"/>.</summary>
public sealed record DocumentSymbol(string Name, string? Detail, int Kind, Range Range, Range SelectionRange, IReadOnlyList<DocumentSymbol>? Children);

/// <summary>A flat symbol: for workspace search, and for clients without hierarchical document symbols.</summary>
public sealed record SymbolInformation(string Name, int Kind, Location Location, string? ContainerName);

public sealed record WorkspaceSymbolParams(string Query);
