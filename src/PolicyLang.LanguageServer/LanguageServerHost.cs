using System.Text.Json.Nodes;
using PolicyLang.LanguageServer.Rpc;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer;

/// <summary>Runs the language server over a pair of streams (stdin/stdout for <c>policyc lsp</c>) until <c>exit</c> or end of input.</summary>
public static class LanguageServerHost
{
    /// <returns>The process exit code: 0 after <c>shutdown</c> then <c>exit</c>, 1 otherwise (LSP).</returns>
    public static async Task<int> RunAsync(Stream input, Stream output, TextWriter log, LanguageServerOptions? options = null)
    {
        var server = new ServerContext(options ?? LanguageServerOptions.Default, log);
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = ProtocolJson.Options };
        using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(output, input, formatter));
        var handlers = RegisteredHandlers.Create(server);
        foreach (var handler in handlers)
        {
            handler.Register(rpc);
        }

        server.Capabilities = () => Advertised(handlers);
        server.Client = new LanguageClient(rpc);
        rpc.StartListening();
        var ended = await Task.WhenAny(server.Lifecycle.Exited, rpc.Completion.ContinueWith(_ => 1, TaskScheduler.Default));
        return await ended;
    }

    private static JsonObject Advertised(IEnumerable<ILanguageHandler> handlers)
    {
        var capabilities = new JsonObject();
        foreach (var handler in handlers)
        {
            handler.Advertise(capabilities);
        }

        return capabilities;
    }
}
