using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Rpc;

namespace PolicyLang.LanguageServer.Handlers;

/// <summary><c>shutdown</c>: from now on only <c>exit</c> is accepted.</summary>
internal sealed class ShutdownHandler(ServerContext server) : RequestHandler<NoParams, object?>(server, "shutdown")
{
    protected override object? Handle(NoParams request, CancellationToken cancellation)
    {
        Server.Lifecycle.ShutDown();
        return null;
    }
}
