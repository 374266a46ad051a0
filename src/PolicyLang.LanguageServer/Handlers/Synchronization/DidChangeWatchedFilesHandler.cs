using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary><c>workspace/didChangeWatchedFiles</c>: `.gov` files created, changed or deleted outside the editor join, change or leave their policy.</summary>
internal sealed class DidChangeWatchedFilesHandler(ServerContext server) : NotificationHandler<DidChangeWatchedFilesParams>(server, "workspace/didChangeWatchedFiles")
{
    protected override void Handle(DidChangeWatchedFilesParams notification)
    {
        foreach (var change in notification.Changes ?? [])
        {
            Server.Workspace.DiskChanged(change.Uri);
        }
    }
}
