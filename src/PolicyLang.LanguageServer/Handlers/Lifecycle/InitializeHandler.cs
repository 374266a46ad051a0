using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;
using PolicyLang.LanguageServer.Workspace;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary><c>initialize</c>: records the workspace folders and client capabilities, negotiates the position encoding, answers the capabilities.</summary>
internal sealed class InitializeHandler(ServerContext server) : RequestHandler<InitializeParams, InitializeResult>(server, "initialize")
{
    protected override bool RequiresInitialization => false;

    protected override InitializeResult Handle(InitializeParams request, CancellationToken cancellation)
    {
        if (Server.Lifecycle.IsInitialized)
        {
            throw new LocalRpcException("`initialize` was already sent") { ErrorCode = ErrorCodes.InvalidRequest };
        }

        var client = new ClientCapabilities(request.Capabilities);
        Server.ClientCapabilities = client;
        foreach (var folder in WorkspaceFolders(request))
        {
            Server.Workspace.AddWorkspaceFolder(folder);
        }

        // LSP 3.17 `general.positionEncodings`; Neovim 0.7 and other clangd-era clients send `offsetEncoding` instead.
        var standard = client.Strings("general", "positionEncodings");
        var legacy = client.Strings("offsetEncoding");
        Server.Workspace.Encoding = PositionEncodings.Choose(standard.Count > 0 ? standard : legacy);

        var capabilities = Server.Capabilities();
        capabilities["positionEncoding"] = Server.Encoding.Name();
        Server.Lifecycle.Initialize();
        return new InitializeResult(capabilities, new ServerInfo("policyc", Version), standard.Count == 0 && legacy.Count > 0 ? Server.Encoding.Name() : null);
    }

    private static string Version => typeof(InitializeHandler).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private static IEnumerable<string> WorkspaceFolders(InitializeParams request)
    {
        if (request.WorkspaceFolders is { Count: > 0 } folders)
        {
            return folders.Select(f => DocumentUri.Key(f.Uri)).Where(DocumentUri.IsFilePath);
        }

        if (request.RootUri is { } rootUri && DocumentUri.Key(rootUri) is var root && DocumentUri.IsFilePath(root))
        {
            return [root];
        }

        return request.RootPath is { Length: > 0 } rootPath ? [rootPath] : [];
    }
}
