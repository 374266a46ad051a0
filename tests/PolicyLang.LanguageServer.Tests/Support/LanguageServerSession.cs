using System.Collections.Concurrent;
using System.Text.Json;
using Nerdbank.Streams;
using PolicyLang.LanguageServer.Protocol;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Tests.Support;

/// <summary>
/// A client talking to a server over in-memory pipes, as an editor does over stdio: JSON-RPC with LSP headers.
/// Collects the diagnostics the server publishes; <see cref="Requests"/> records what the server asked of the client.
/// </summary>
internal sealed class LanguageServerSession : IAsyncDisposable
{
    private readonly JsonRpc rpc;
    private readonly ConcurrentDictionary<string, PublishDiagnosticsParams> diagnostics = new(StringComparer.Ordinal);
    private readonly List<TaskCompletionSource> diagnosticWaiters = [];
    private readonly StringWriter log = new();

    private LanguageServerSession(Stream clientStream, Stream serverStream, LanguageServerOptions options)
    {
        Server = LanguageServerHost.RunAsync(serverStream, serverStream, TextWriter.Synchronized(log), options);
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = Rpc.ProtocolJson.Options };
        rpc = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, formatter));
        Handle("textDocument/publishDiagnostics", new Action<JsonElement>(OnDiagnostics));
        Handle("window/logMessage", new Action<JsonElement>(_ => { }));
        Handle("client/registerCapability", new Func<JsonElement, object?>(request =>
        {
            Requests.Add(request.Clone());
            return null;
        }));
        rpc.StartListening();
    }

    // LSP sends parameters as one object: deserialize it whole into the delegate's single parameter.
    private void Handle(string method, Delegate handler) =>
        rpc.AddLocalRpcMethod(handler.Method, handler.Target, new JsonRpcMethodAttribute(method) { UseSingleObjectParameterDeserialization = true });

    public static DateOnly Today { get; } = new(2026, 6, 1);

    /// <summary>The server's run; completes with its exit code.</summary>
    public Task<int> Server { get; }

    /// <summary>The capabilities the server answered to <c>initialize</c>.</summary>
    public JsonElement Capabilities { get; private set; }

    public ConcurrentBag<JsonElement> Requests { get; } = [];

    public string Log => log.ToString();

    public static LanguageServerSession Start(TimeSpan? diagnosticsDelay = null)
    {
        var (client, server) = FullDuplexStream.CreatePair();
        return new LanguageServerSession(client, server, new LanguageServerOptions(() => Today, diagnosticsDelay ?? TimeSpan.FromMilliseconds(20)));
    }

    /// <summary>Starts a server and initializes it on <paramref name="root"/>.</summary>
    public static async Task<(LanguageServerSession Session, JsonElement Result)> InitializedAsync(string? root, object? capabilities = null)
    {
        var session = Start();
        var result = await session.InitializeAsync(root, capabilities);
        return (session, result);
    }

    public async Task<JsonElement> InitializeAsync(string? root, object? capabilities = null)
    {
        var result = await RequestAsync("initialize", new
        {
            processId = (int?)null,
            rootUri = root is null ? null : new Uri(root).AbsoluteUri,
            capabilities = capabilities ?? new { },
        });
        Capabilities = result.GetProperty("capabilities");
        await NotifyAsync("initialized", new { });
        return result;
    }

    public Task<JsonElement> RequestAsync(string method, object? parameters, CancellationToken cancellation = default) =>
        rpc.InvokeWithParameterObjectAsync<JsonElement>(method, parameters, cancellation);

    public Task NotifyAsync(string method, object? parameters) => rpc.NotifyWithParameterObjectAsync(method, parameters);

    public Task OpenAsync(string uri, string text, int version = 1) =>
        NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "gov", version, text } });

    public Task ReplaceAsync(string uri, string text, int version) =>
        NotifyAsync("textDocument/didChange", new { textDocument = new { uri, version }, contentChanges = new[] { new { text } } });

    public Task EditAsync(string uri, int version, Range range, string text) =>
        NotifyAsync("textDocument/didChange", new { textDocument = new { uri, version }, contentChanges = new[] { new { range, text } } });

    public async Task ShutdownAndExitAsync()
    {
        await RequestAsync("shutdown", null);
        await NotifyAsync("exit", null);
    }

    /// <summary>The latest diagnostics published for <paramref name="uri"/> once <paramref name="done"/> holds for them.</summary>
    public async Task<PublishDiagnosticsParams> DiagnosticsAsync(string uri, Func<PublishDiagnosticsParams, bool>? done = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            TaskCompletionSource waiter;
            lock (diagnosticWaiters)
            {
                if (diagnostics.TryGetValue(uri, out var current) && (done?.Invoke(current) ?? true))
                {
                    return current;
                }

                waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                diagnosticWaiters.Add(waiter);
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero || await Task.WhenAny(waiter.Task, Task.Delay(remaining)) != waiter.Task)
            {
                throw new TimeoutException($"no diagnostics for {uri} as expected within 30 s; last: {(diagnostics.TryGetValue(uri, out var last) ? JsonSerializer.Serialize(last, Rpc.ProtocolJson.Options) : "none")}\nserver log:\n{Log}");
            }
        }
    }

    private void OnDiagnostics(JsonElement parameters)
    {
        var published = parameters.Deserialize<PublishDiagnosticsParams>(Rpc.ProtocolJson.Options)!;
        lock (diagnosticWaiters)
        {
            diagnostics[published.Uri] = published;
            foreach (var waiter in diagnosticWaiters)
            {
                waiter.TrySetResult();
            }

            diagnosticWaiters.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!Server.IsCompleted)
        {
            try
            {
                await ShutdownAndExitAsync();
            }
            catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException or RemoteInvocationException)
            {
            }
        }

        await Task.WhenAny(Server, Task.Delay(TimeSpan.FromSeconds(10)));
        rpc.Dispose();
    }
}
