using PolicyLang.LanguageServer.Handlers;
using PolicyLang.LanguageServer.Rpc;

namespace PolicyLang.LanguageServer;

/// <summary>
/// Every method the server answers, one line each. The <c>initialize</c> result advertises exactly these
/// (docs/language-server.md, "Adding a handler").
/// </summary>
internal static class RegisteredHandlers
{
    public static IReadOnlyList<ILanguageHandler> Create(ServerContext server) =>
    [
        // Lifecycle
        new InitializeHandler(server),
        new InitializedHandler(server),
        new ShutdownHandler(server),
        new ExitHandler(server),

        // Document synchronization and diagnostics
        new DidOpenHandler(server),
        new DidChangeHandler(server),
        new DidCloseHandler(server),
        new DidSaveHandler(server),
        new DidChangeWatchedFilesHandler(server),

        // Outline, folding, highlighting, formatting
        new DocumentSymbolHandler(server),
        new WorkspaceSymbolHandler(server),
        new FoldingRangeHandler(server),
        new SemanticTokensFullHandler(server),
        new FormattingHandler(server),

        // Language features (Core/Services)
        new HoverHandler(server),
        new CompletionHandler(server),
        new DefinitionHandler(server),
        new ReferencesHandler(server),
        new PrepareRenameHandler(server),
        new RenameHandler(server),
        new CodeActionHandler(server),
    ];
}
