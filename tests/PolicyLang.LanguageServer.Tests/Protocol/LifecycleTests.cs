using System.Text.Json;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;
using StreamJsonRpc;
using Xunit;

namespace PolicyLang.LanguageServer.Tests.Protocol;

public sealed class LifecycleTests
{
    [Fact]
    public async Task A_request_before_initialize_is_refused_as_not_initialized()
    {
        await using var session = LanguageServerSession.Start();
        var error = await Assert.ThrowsAnyAsync<RemoteInvocationException>(() => session.RequestAsync("textDocument/documentSymbol", new { textDocument = new { uri = "file:///x.gov" } }));
        Assert.Equal(ErrorCodes.ServerNotInitialized, error.ErrorCode);
    }

    [Fact]
    public async Task Every_advertised_capability_has_a_registered_method_that_answers()
    {
        using var policy = TempPolicy.CopyOfExample("astronomy-lab");
        var (session, result) = await LanguageServerSession.InitializedAsync(policy.Path);
        await using var owned = session;
        var capabilities = result.GetProperty("capabilities");
        Assert.Equal("utf-16", capabilities.GetProperty("positionEncoding").GetString());
        var uri = policy.Uri("lab.gov");
        await session.OpenAsync(uri, policy.Read("lab.gov"));
        foreach (var (capability, method, parameters) in AdvertisedRequests(uri))
        {
            if (capabilities.TryGetProperty(capability, out _))
            {
                // Answers (any result, null included) instead of MethodNotFound.
                await session.RequestAsync(method, parameters);
            }
        }

        Assert.Equal(2, capabilities.GetProperty("textDocumentSync").GetProperty("change").GetInt32());
    }

    [Fact]
    public async Task An_unknown_method_gets_method_not_found_and_the_server_goes_on()
    {
        var (session, _) = await LanguageServerSession.InitializedAsync(null);
        await using var _1 = session;
        await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => session.RequestAsync("textDocument/noSuchThing", new { }));
        await session.NotifyAsync("$/unknownNotification", new { });
        await session.RequestAsync("workspace/symbol", new { query = "" });
    }

    [Fact]
    public async Task Shutdown_then_exit_ends_with_0()
    {
        var (session, _) = await LanguageServerSession.InitializedAsync(null);
        await using var _1 = session;
        await session.RequestAsync("shutdown", null);
        var error = await Assert.ThrowsAnyAsync<RemoteInvocationException>(() => session.RequestAsync("workspace/symbol", new { query = "" }));
        Assert.Equal(ErrorCodes.InvalidRequest, error.ErrorCode);
        await session.NotifyAsync("exit", null);
        Assert.Equal(0, await session.Server.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Exit_without_shutdown_ends_with_1()
    {
        var (session, _) = await LanguageServerSession.InitializedAsync(null);
        await using var _1 = session;
        await session.NotifyAsync("exit", null);
        Assert.Equal(1, await session.Server.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_second_initialize_is_an_invalid_request()
    {
        var (session, _) = await LanguageServerSession.InitializedAsync(null);
        await using var _1 = session;
        var error = await Assert.ThrowsAnyAsync<RemoteInvocationException>(() => session.InitializeAsync(null));
        Assert.Equal(ErrorCodes.InvalidRequest, error.ErrorCode);
    }

    [Fact]
    public async Task Utf8_is_chosen_when_the_client_prefers_it_and_offsetEncoding_is_answered_to_clients_that_send_it()
    {
        var (standard, result) = await LanguageServerSession.InitializedAsync(null, new { general = new { positionEncodings = new[] { "utf-8", "utf-16" } } });
        await using (standard)
        {
            Assert.Equal("utf-8", result.GetProperty("capabilities").GetProperty("positionEncoding").GetString());
            Assert.False(result.TryGetProperty("offsetEncoding", out _));
        }

        var (legacy, legacyResult) = await LanguageServerSession.InitializedAsync(null, new { offsetEncoding = new[] { "utf-8", "utf-16" } });
        await using (legacy)
        {
            Assert.Equal("utf-8", legacyResult.GetProperty("offsetEncoding").GetString());
        }

        var (utf32Only, utf16Result) = await LanguageServerSession.InitializedAsync(null, new { general = new { positionEncodings = new[] { "utf-32" } } });
        await using (utf32Only)
        {
            Assert.Equal("utf-16", utf16Result.GetProperty("capabilities").GetProperty("positionEncoding").GetString());
        }
    }

    [Fact]
    public async Task File_watching_is_asked_for_when_the_client_can_register_it()
    {
        var session = LanguageServerSession.Start();
        await using var owned = session;
        await session.InitializeAsync(null, new { workspace = new { didChangeWatchedFiles = new { dynamicRegistration = true } } });
        await session.RequestAsync("workspace/symbol", new { query = "" });
        // The server sends registerCapability on its own after `initialized`: it may arrive after that response, so wait for it (bounded).
        for (var waited = 0; session.Requests.IsEmpty && waited < 5000; waited += 20)
        {
            await Task.Delay(20);
        }

        var registration = Assert.Single(session.Requests).GetProperty("registrations")[0];
        Assert.Equal("workspace/didChangeWatchedFiles", registration.GetProperty("method").GetString());
        Assert.Equal("**/*.gov", registration.GetProperty("registerOptions").GetProperty("watchers")[0].GetProperty("globPattern").GetString());
    }

    // The request each capability promises, with parameters that name a real document.
    private static IEnumerable<(string Capability, string Method, object Parameters)> AdvertisedRequests(string uri)
    {
        var document = new { uri };
        var position = new { line = 30, character = 10 };
        yield return ("documentSymbolProvider", "textDocument/documentSymbol", new { textDocument = document });
        yield return ("workspaceSymbolProvider", "workspace/symbol", new { query = "ga" });
        yield return ("foldingRangeProvider", "textDocument/foldingRange", new { textDocument = document });
        yield return ("semanticTokensProvider", "textDocument/semanticTokens/full", new { textDocument = document });
        yield return ("documentFormattingProvider", "textDocument/formatting", new { textDocument = document, options = new { tabSize = 2, insertSpaces = true } });
        yield return ("hoverProvider", "textDocument/hover", new { textDocument = document, position });
        yield return ("completionProvider", "textDocument/completion", new { textDocument = document, position });
        yield return ("definitionProvider", "textDocument/definition", new { textDocument = document, position });
        yield return ("referencesProvider", "textDocument/references", new { textDocument = document, position, context = new { includeDeclaration = true } });
        yield return ("renameProvider", "textDocument/prepareRename", new { textDocument = document, position });
        yield return ("codeActionProvider", "textDocument/codeAction", new { textDocument = document, range = new { start = position, end = position }, context = new { diagnostics = Array.Empty<object>() } });
    }
}
