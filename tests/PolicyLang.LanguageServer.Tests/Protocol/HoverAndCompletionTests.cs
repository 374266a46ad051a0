using System.Text.Json;
using PolicyLang.LanguageServer.Tests.Support;
using Xunit;

namespace PolicyLang.LanguageServer.Tests.Protocol;

/// <summary><c>textDocument/hover</c> and <c>textDocument/completion</c> over the protocol.</summary>
public sealed class HoverAndCompletionTests
{
    [Fact]
    public async Task Hover_on_a_safeguard_id_gives_markdown_and_the_id_range()
    {
        await using var lab = await LabSession.StartAsync();
        var hover = await lab.AtAsync("textDocument/hover", lab.At("3.11,", 2));
        var contents = hover.GetProperty("contents");
        Assert.Equal("markdown", contents.GetProperty("kind").GetString());
        Assert.Contains("**CIS v8 3.11** Encrypt Sensitive Data at Rest", contents.GetProperty("value").GetString(), StringComparison.Ordinal);
        var range = hover.GetProperty("range");
        Assert.Equal(lab.At("3.11,").Character, range.GetProperty("start").GetProperty("character").GetInt32());
        Assert.Equal(lab.At("3.11,").Character + 4, range.GetProperty("end").GetProperty("character").GetInt32());
    }

    [Fact]
    public async Task Hover_on_nothing_is_null_and_plaintext_clients_get_plaintext()
    {
        await using var lab = await LabSession.StartAsync(new { textDocument = new { hover = new { contentFormat = new[] { "plaintext" } } } });
        Assert.Equal(JsonValueKind.Null, (await lab.AtAsync("textDocument/hover", lab.At("\"Iperius Backup\"", 3))).ValueKind);
        var hover = await lab.AtAsync("textDocument/hover", lab.At("tamper-evident", 2));
        Assert.Equal("plaintext", hover.GetProperty("contents").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Completion_after_store_kind_brace_proposes_its_settings_as_edits_of_the_word()
    {
        var text = File.ReadAllText(RepositoryPaths.InRoot("examples", "astronomy-lab", "lab.gov")) + "\nstore x postgres {\n  tl\n}\n";
        await using var lab = await LabSession.StartAsync(text: text);
        var position = lab.At("  tl\n", 4);
        var list = await lab.AtAsync("textDocument/completion", position);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["connection", "tls", "encryption"], items.Select(i => i.GetProperty("label").GetString()));
        var edit = items[1].GetProperty("textEdit");
        Assert.Equal("tls", edit.GetProperty("newText").GetString());
        Assert.Equal(position.Character - 2, edit.GetProperty("range").GetProperty("start").GetProperty("character").GetInt32());
        Assert.Equal(10, items[1].GetProperty("kind").GetInt32());
    }

    [Fact]
    public async Task Snippets_only_for_clients_that_support_them()
    {
        var text = File.ReadAllText(RepositoryPaths.InRoot("examples", "astronomy-lab", "lab.gov")) + "\nbackup b {\n  \n}\n";
        await using (var plain = await LabSession.StartAsync(text: text))
        {
            var every = (await plain.AtAsync("textDocument/completion", plain.At("backup b {\n  ", 13))).GetProperty("items").EnumerateArray()
                .Single(i => i.GetProperty("label").GetString() == "every");
            Assert.Equal(1, every.GetProperty("insertTextFormat").GetInt32());
            Assert.Equal("every day keep 4", every.GetProperty("textEdit").GetProperty("newText").GetString());
        }

        await using var snippets = await LabSession.StartAsync(new { textDocument = new { completion = new { completionItem = new { snippetSupport = true } } } }, text);
        var snippet = (await snippets.AtAsync("textDocument/completion", snippets.At("backup b {\n  ", 13))).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("label").GetString() == "every");
        Assert.Equal(2, snippet.GetProperty("insertTextFormat").GetInt32());
        Assert.Contains("${1|day,week,month,quarter,year|}", snippet.GetProperty("textEdit").GetProperty("newText").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_in_a_document_the_server_does_not_know_is_empty()
    {
        await using var lab = await LabSession.StartAsync();
        var list = await lab.Session.RequestAsync("textDocument/completion", new { textDocument = new { uri = "untitled:nothing" }, position = new { line = 0, character = 0 } });
        Assert.Empty(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Capabilities_advertise_the_language_features()
    {
        using var policy = TempPolicy.CopyOfExample("astronomy-lab");
        var (session, result) = await LanguageServerSession.InitializedAsync(policy.Path);
        await using var _ = session;
        var capabilities = result.GetProperty("capabilities");
        Assert.True(capabilities.GetProperty("hoverProvider").GetBoolean());
        Assert.True(capabilities.GetProperty("definitionProvider").GetBoolean());
        Assert.True(capabilities.GetProperty("referencesProvider").GetBoolean());
        Assert.True(capabilities.GetProperty("renameProvider").GetProperty("prepareProvider").GetBoolean());
        Assert.Contains("quickfix", capabilities.GetProperty("codeActionProvider").GetProperty("codeActionKinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Contains(".", capabilities.GetProperty("completionProvider").GetProperty("triggerCharacters").EnumerateArray().Select(k => k.GetString()));
    }
}
