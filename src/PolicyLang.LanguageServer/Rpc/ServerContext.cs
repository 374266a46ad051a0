using PolicyLang.LanguageServer.Workspace;

namespace PolicyLang.LanguageServer.Rpc;

/// <summary>What every handler reaches: the lifecycle, the workspace, the client and what it supports, the log.</summary>
public sealed class ServerContext
{
    public ServerContext(LanguageServerOptions options, TextWriter log)
    {
        Options = options;
        Log = new ServerLog(log, () => Client);
        Workspace = new PolicyWorkspace(options.Today);
        Diagnostics = new DiagnosticsPublisher(Workspace, () => Client, Log, options.DiagnosticsDelay);
    }

    public LanguageServerOptions Options { get; }

    public ServerLifecycle Lifecycle { get; } = new();

    public ServerLog Log { get; }

    public PolicyWorkspace Workspace { get; }

    public DiagnosticsPublisher Diagnostics { get; }

    /// <summary>Set once the connection exists (before any message is read).</summary>
    public LanguageClient? Client { get; internal set; }

    /// <summary>Set by <c>initialize</c>.</summary>
    public ClientCapabilities ClientCapabilities { get; internal set; } = ClientCapabilities.None;

    public PositionEncoding Encoding => Workspace.Encoding;

    /// <summary>The <c>ServerCapabilities</c> built from the registered handlers.</summary>
    internal Func<System.Text.Json.Nodes.JsonObject> Capabilities { get; set; } = () => [];
}
