using System.Reflection;
using System.Text.Json.Nodes;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Rpc;

/// <summary>
/// A notification: ignored before <c>initialize</c> and after <c>shutdown</c> (LSP: "notifications should be dropped").
/// A failure is logged to the client, never thrown: a notification has no response to carry it.
/// </summary>
public abstract class NotificationHandler<TParams>(ServerContext server, string method) : ILanguageHandler
{
    public string Method => method;

    protected ServerContext Server => server;

    /// <summary>Runs even before <c>initialize</c> and after <c>shutdown</c> (true only for <c>exit</c>).</summary>
    protected virtual bool RunsInAnyState => false;

    public virtual void Advertise(JsonObject capabilities)
    {
    }

    protected abstract void Handle(TParams notification);

    public void Register(JsonRpc rpc) =>
        rpc.AddLocalRpcMethod(InvokeMethod, this, new JsonRpcMethodAttribute(method) { UseSingleObjectParameterDeserialization = true });

    private static readonly MethodInfo InvokeMethod = typeof(NotificationHandler<TParams>).GetMethod(nameof(Invoke), BindingFlags.Public | BindingFlags.Instance)!;

    // Public only for StreamJsonRpc's dispatch; synchronous so notifications apply in order (see RequestHandler).
    public void Invoke(TParams? notification = default)
    {
        if (!RunsInAnyState && (!server.Lifecycle.IsInitialized || server.Lifecycle.IsShutDown))
        {
            return;
        }

        try
        {
            Handle(notification!);
        }
        catch (Exception e)
        {
            server.Log.Error($"{method} failed: {e}");
        }
    }
}
