using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary><c>exit</c>: the process ends, with code 0 after <c>shutdown</c> and 1 without.</summary>
internal sealed class ExitHandler(ServerContext server) : NotificationHandler<NoParams>(server, "exit")
{
    protected override bool RunsInAnyState => true;

    protected override void Handle(NoParams notification) => Server.Lifecycle.Exit();
}
