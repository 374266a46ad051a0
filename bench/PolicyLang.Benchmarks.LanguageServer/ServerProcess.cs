using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using PolicyLang.LanguageServer.Protocol;
using StreamJsonRpc;

namespace PolicyLang.Benchmarks.LanguageServer;

/// <summary>
/// A real <c>policyc lsp</c> process and a client talking to it over its stdio, as an editor does. Edits are
/// incremental <c>didChange</c> notifications; a caller awaits the diagnostics the server publishes for a version.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly Process process;
    private readonly JsonRpc rpc;
    private readonly ConcurrentDictionary<(string Uri, int Version), TaskCompletionSource<long>> waiting = new();

    private ServerProcess(Process process)
    {
        this.process = process;
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = Json };
        rpc = new JsonRpc(new HeaderDelimitedMessageHandler(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, formatter));
        Handle("textDocument/publishDiagnostics", new Action<PublishDiagnosticsParams>(OnDiagnostics));
        Handle("window/logMessage", new Action<JsonElement>(_ => { }));
        Handle("client/registerCapability", new Func<JsonElement, object?>(_ => null));
        rpc.StartListening();
    }

    // LSP sends parameters as one object: deserialize it whole into the delegate's single parameter.
    private void Handle(string method, Delegate handler) =>
        rpc.AddLocalRpcMethod(handler.Method, handler.Target, new JsonRpcMethodAttribute(method) { UseSingleObjectParameterDeserialization = true });

    /// <summary>Starts <c>dotnet policyc.dll lsp</c> and initializes it with <paramref name="folder"/> as its workspace folder.</summary>
    public static async Task<ServerProcess> StartAsync(string policycDll, string folder)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        info.ArgumentList.Add(policycDll);
        info.ArgumentList.Add("lsp");
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start policyc lsp");
        _ = process.StandardError.ReadToEndAsync();
        var server = new ServerProcess(process);
        var root = new Uri(folder).AbsoluteUri;
        await server.rpc.InvokeWithParameterObjectAsync<JsonElement>("initialize", new
        {
            processId = Environment.ProcessId,
            rootUri = root,
            workspaceFolders = new[] { new { uri = root, name = "bench" } },
            capabilities = new { },
        });
        await server.rpc.NotifyWithParameterObjectAsync("initialized", new { });
        return server;
    }

    /// <summary>CPU time the server process has used (all its threads: dispatch, diagnostics, GC, JIT).</summary>
    public TimeSpan ProcessorTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>The server's resident memory (RSS), in bytes.</summary>
    public long ResidentBytes()
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    /// <summary>Opens a document; the task ends when its diagnostics are published (with the time they arrived).</summary>
    public Task<long> Open(string uri, string text)
    {
        var published = Expect(uri, 1);
        _ = rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new DidOpenTextDocumentParams(new TextDocumentItem(uri, "gov", 1, text)));
        return published;
    }

    /// <summary>Replaces <paramref name="range"/> in version <paramref name="version"/> - 1; the task ends when version <paramref name="version"/>'s diagnostics are published.</summary>
    public Task<long> Change(string uri, int version, PolicyLang.LanguageServer.Protocol.Range range, string text)
    {
        var published = Expect(uri, version);
        _ = rpc.NotifyWithParameterObjectAsync(
            "textDocument/didChange",
            new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version), [new TextDocumentContentChangeEvent(range, text)]));
        return published;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await rpc.InvokeWithParameterObjectAsync<JsonElement>("shutdown").WaitAsync(TimeSpan.FromSeconds(30));
            await rpc.NotifyWithParameterObjectAsync("exit");
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            rpc.Dispose();
            process.Dispose();
        }
    }

    // Diagnostics of an older version than the one awaited are not what the edit produced: only the awaited version counts.
    private Task<long> Expect(string uri, int version) =>
        waiting.GetOrAdd((uri, version), _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private void OnDiagnostics(PublishDiagnosticsParams diagnostics)
    {
        var arrived = Stopwatch.GetTimestamp();
        if (diagnostics.Version is { } version && waiting.TryRemove((diagnostics.Uri, version), out var waiter))
        {
            waiter.SetResult(arrived);
        }
    }
}
