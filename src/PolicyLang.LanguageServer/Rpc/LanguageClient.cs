using PolicyLang.LanguageServer.Protocol;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Rpc;

/// <summary>Messages the server sends to the client.</summary>
public sealed class LanguageClient(JsonRpc rpc)
{
    public void PublishDiagnostics(PublishDiagnosticsParams diagnostics) => Notify("textDocument/publishDiagnostics", diagnostics);

    /// <summary><c>window/logMessage</c>; <paramref name="type"/> 1 error, 2 warning, 3 info, 4 log.</summary>
    public void LogMessage(int type, string message) => Notify("window/logMessage", new { type, message });

    /// <summary>Asks the client to send a notification it only sends on request (<c>client/registerCapability</c>).</summary>
    public void RegisterCapability(string id, string method, object registerOptions) =>
        _ = Send(() => rpc.InvokeWithParameterObjectAsync("client/registerCapability", new { registrations = new[] { new { id, method, registerOptions } } }));

    private void Notify(string method, object argument) => _ = Send(() => rpc.NotifyWithParameterObjectAsync(method, argument));

    // A client that went away is not an error worth crashing for: the connection's end stops the server anyway.
    private static async Task Send(Func<Task> send)
    {
        try
        {
            await send();
        }
        catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException or RemoteRpcException or IOException)
        {
        }
    }
}
