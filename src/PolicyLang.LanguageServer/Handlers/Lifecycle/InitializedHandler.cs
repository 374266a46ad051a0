using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary><c>initialized</c>: asks for `.gov` file-watch events when the client can send them on request.</summary>
internal sealed class InitializedHandler(ServerContext server) : NotificationHandler<NoParams>(server, "initialized")
{
    protected override void Handle(NoParams notification)
    {
        if (Server.ClientCapabilities.Supports("workspace", "didChangeWatchedFiles", "dynamicRegistration"))
        {
            Server.Client?.RegisterCapability("gov-files", "workspace/didChangeWatchedFiles", new { watchers = new[] { new { globPattern = "**/*.gov" } } });
        }
    }
}
