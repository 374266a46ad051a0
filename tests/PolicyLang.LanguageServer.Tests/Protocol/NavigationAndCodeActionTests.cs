using System.Text.Json;
using PolicyLang.LanguageServer.Tests.Support;
using StreamJsonRpc;
using Xunit;

namespace PolicyLang.LanguageServer.Tests.Protocol;

/// <summary>Definition, references, prepareRename, rename and code actions over the protocol.</summary>
public sealed class NavigationAndCodeActionTests
{
    private const string Extra = "dataset spectra in research table \"catalog.spectra\" {\n  key spectrum_id\n  expect source_id references gaia_sources.source_id\n  grant read to analyst\n}\n";

    [Fact]
    public async Task Definition_in_another_file_of_the_folder()
    {
        await using var lab = await LabSession.StartAsync(others: ("spectra/spectra.gov", Extra));
        await lab.Session.OpenAsync(lab.Policy.Uri("spectra/spectra.gov"), Extra);
        var locations = await lab.Session.RequestAsync("textDocument/definition", new
        {
            textDocument = new { uri = lab.Policy.Uri("spectra/spectra.gov") },
            position = LabSession.PositionOf(Extra, "gaia_sources.source_id", 3),
        });
        var location = Assert.Single(locations.EnumerateArray());
        Assert.Equal(lab.Uri, location.GetProperty("uri").GetString());
        Assert.Equal(lab.At("dataset gaia_sources", "dataset ".Length).Line, location.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task References_span_files_and_honour_include_declaration()
    {
        await using var lab = await LabSession.StartAsync(others: ("spectra/spectra.gov", Extra));
        var position = lab.At("role analyst", "role ".Length);
        var all = await lab.AtAsync("textDocument/references", position, new { context = new { includeDeclaration = true } });
        var uses = await lab.AtAsync("textDocument/references", position, new { context = new { includeDeclaration = false } });
        Assert.Contains(all.EnumerateArray(), l => l.GetProperty("uri").GetString() == lab.Policy.Uri("spectra/spectra.gov"));
        Assert.Equal(all.GetArrayLength() - 1, uses.GetArrayLength());
    }

    [Fact]
    public async Task Prepare_rename_and_rename_across_files()
    {
        await using var lab = await LabSession.StartAsync(others: ("spectra/spectra.gov", Extra));
        var position = lab.At("store research", "store ".Length + 2);
        var prepared = await lab.AtAsync("textDocument/prepareRename", position);
        Assert.Equal("research", prepared.GetProperty("placeholder").GetString());
        var edit = await lab.AtAsync("textDocument/rename", position, new { newName = "science" });
        var renamed = LabSession.Apply(lab.Text, edit, lab.Uri);
        Assert.Matches(@"store science\s+postgres", renamed);
        Assert.Equal(["for research databases"], System.Text.RegularExpressions.Regex.Matches(renamed, @"\w+ \bresearch\b \w+").Select(m => m.Value));
        Assert.Matches(@"covers\s+science, telemetry", renamed);
        Assert.Contains("dataset spectra in science", LabSession.Apply(Extra, edit, lab.Policy.Uri("spectra/spectra.gov")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_renames_are_request_failed_errors_with_the_reason()
    {
        await using var lab = await LabSession.StartAsync();
        var keyword = await Assert.ThrowsAsync<RemoteInvocationException>(() => lab.AtAsync("textDocument/rename", lab.At("role analyst", "role ".Length), new { newName = "dataset" }));
        Assert.Equal(-32803, keyword.ErrorCode);
        Assert.Contains("keyword", keyword.Message, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await lab.AtAsync("textDocument/prepareRename", lab.At("tamper-evident"))).ValueKind);
        var nothing = await Assert.ThrowsAsync<RemoteInvocationException>(() => lab.AtAsync("textDocument/rename", lab.At("tamper-evident"), new { newName = "x" }));
        Assert.Contains("nothing to rename here", nothing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quick_fix_for_a_did_you_mean_clears_the_diagnostic()
    {
        var text = File.ReadAllText(RepositoryPaths.InRoot("examples", "astronomy-lab", "lab.gov")).Replace("grant read to dba", "grant read to dab", StringComparison.Ordinal);
        await using var lab = await LabSession.StartAsync(text: text);
        var published = await lab.Session.DiagnosticsAsync(lab.Uri, p => p.Diagnostics.Any(d => d.Code == "GOV0311"));
        var diagnostic = published.Diagnostics.Single(d => d.Code == "GOV0311");
        var actions = await lab.RequestAsync("textDocument/codeAction", new
        {
            textDocument = new { uri = lab.Uri },
            range = diagnostic.Range,
            context = new { diagnostics = new[] { diagnostic }, only = new[] { "quickfix" } },
        });
        var action = Assert.Single(actions.EnumerateArray());
        Assert.Equal("Change to `dba`", action.GetProperty("title").GetString());
        Assert.Equal("quickfix", action.GetProperty("kind").GetString());
        Assert.Equal("GOV0311", action.GetProperty("diagnostics")[0].GetProperty("code").GetString());
        var fixedText = LabSession.Apply(text, action.GetProperty("edit"), lab.Uri);
        await lab.Session.ReplaceAsync(lab.Uri, fixedText, 2);
        var after = await lab.Session.DiagnosticsAsync(lab.Uri, p => p.Version == 2);
        Assert.DoesNotContain(after.Diagnostics, d => d.Code == "GOV0311");
    }

    [Fact]
    public async Task Refactorings_are_filtered_by_kind()
    {
        await using var lab = await LabSession.StartAsync();
        var range = new { start = lab.At("require 3.1"), end = lab.At("require 3.1") };
        var all = await lab.RequestAsync("textDocument/codeAction", new { textDocument = new { uri = lab.Uri }, range, context = new { diagnostics = Array.Empty<object>() } });
        Assert.Contains(all.EnumerateArray(), a => a.GetProperty("kind").GetString() == "refactor.rewrite" && a.GetProperty("title").GetString()!.StartsWith("Require 3.5", StringComparison.Ordinal));
        var quickFixes = await lab.RequestAsync("textDocument/codeAction", new { textDocument = new { uri = lab.Uri }, range, context = new { diagnostics = Array.Empty<object>(), only = new[] { "quickfix" } } });
        Assert.Empty(quickFixes.EnumerateArray());
    }
}
