using System.Reflection;
using System.Text.Json.Nodes;
using PolicyLang.LanguageServer.Protocol;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Rpc;

/// <summary>
/// A request: <see cref="Handle"/> runs when the server is initialized and not shut down (otherwise the client gets the
/// error LSP prescribes). Any exception becomes a JSON-RPC error response; the server keeps running.
/// </summary>
public abstract class RequestHandler<TParams, TResult>(ServerContext server, string method) : ILanguageHandler
{
    public string Method => method;

    protected ServerContext Server => server;

    /// <summary>Runs only after <c>initialize</c> (false only for <c>initialize</c> itself).</summary>
    protected virtual bool RequiresInitialization => true;

    public virtual void Advertise(JsonObject capabilities)
    {
    }

    protected abstract TResult Handle(TParams request, CancellationToken cancellation);

    public void Register(JsonRpc rpc) =>
        rpc.AddLocalRpcMethod(InvokeMethod, this, new JsonRpcMethodAttribute(method) { UseSingleObjectParameterDeserialization = true });

    private static readonly MethodInfo InvokeMethod = typeof(RequestHandler<TParams, TResult>).GetMethod(nameof(Invoke), BindingFlags.Public | BindingFlags.Instance)!;

    // Public only for StreamJsonRpc's dispatch. Synchronous on purpose: StreamJsonRpc dispatches the next message when a
    // handler returns, so requests and notifications take effect in the order the client sent them.
    public TResult Invoke(TParams? request = default, CancellationToken cancellation = default)
    {
        if (RequiresInitialization && !server.Lifecycle.IsInitialized)
        {
            throw new LocalRpcException($"the server is not initialized: send `initialize` before `{method}`") { ErrorCode = ErrorCodes.ServerNotInitialized };
        }

        if (server.Lifecycle.IsShutDown)
        {
            throw new LocalRpcException($"the server is shut down: only `exit` is accepted, not `{method}`") { ErrorCode = ErrorCodes.InvalidRequest };
        }

        if (request is null && typeof(TParams) != typeof(NoParams))
        {
            throw new LocalRpcException($"`{method}` needs its parameters") { ErrorCode = ErrorCodes.InvalidParams };
        }

        try
        {
            return Handle(request!, cancellation);
        }
        catch (Exception e) when (e is not LocalRpcException and not OperationCanceledException)
        {
            server.Log.Error($"{method} failed: {e}");
            throw new LocalRpcException($"{method} failed: {e.GetType().Name}: {e.Message}") { ErrorCode = ErrorCodes.InternalError };
        }
    }
}
