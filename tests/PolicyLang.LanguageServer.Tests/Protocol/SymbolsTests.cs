using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;
using Xunit;

namespace PolicyLang.LanguageServer.Tests.Protocol;

public sealed class SymbolsTests
{
    private static readonly object Hierarchical = new { textDocument = new { documentSymbol = new { hierarchicalDocumentSymbolSupport = true } } };

    [Fact]
    public async Task The_outline_has_the_policy_its_declarations_and_each_dataset_s_columns_and_rules()
    {
        await using var lab = await Lab.OpenAsync(Hierarchical);
        var symbols = await lab.RequestAsync<List<DocumentSymbol>>("textDocument/documentSymbol", new { textDocument = new { uri = lab.Uri } });

        Assert.Equal(
            ["Proxmox Astronomy Lab - Database Data Management", "classification", "researcher", "analyst", "ingest", "dba", "research", "telemetry", "offsite",
             "gaia_sources", "photometry", "observation_logs", "raw_frames", "audit", "databases", "controls cis-v8",
             "crainbramp", "FarmerBoy", "glitch", "1.0", "test gaia_sources"],
            symbols.Select(s => s.Name));
        var gaia = symbols.Single(s => s.Name == "gaia_sources");
        Assert.Equal(5, gaia.Kind);
        Assert.Equal("in research table \"catalog.gaia_dr3_sources\"", gaia.Detail);
        Assert.Equal(lab.Find("gaia_sources in"), gaia.SelectionRange.Start);
        Assert.Equal(lab.Find("dataset gaia_sources"), gaia.Range.Start);
        var email = gaia.Children!.Single(c => c.Name == "observer_email");
        Assert.Equal((8, "text pii"), (email.Kind, email.Detail));
        var rules = gaia.Children!.Where(c => c.Kind == 12).Select(c => c.Name).ToList();
        Assert.Equal(["source_id_unique", "ra_between", "dec_between", "plausible_magnitude", "observer_email_matches", "ingested_at_fresher_than", "rows_at_least"], rules);
        Assert.Contains(gaia.Children!, c => c.Name == "retain 30 days");
        Assert.Contains(gaia.Children!, c => c.Name == "grant read" && c.Detail == "researcher, analyst");
        var classification = symbols.Single(s => s.Name == "classification");
        Assert.Equal(["public", "internal", "confidential", "restricted"], classification.Children!.Select(c => c.Name));
        Assert.All(Flatten(symbols), s => Assert.True(Contains(s.Range, s.SelectionRange), s.Name));
    }

    [Fact]
    public async Task Clients_without_hierarchy_get_flat_symbols_with_their_container()
    {
        await using var lab = await Lab.OpenAsync();
        var symbols = await lab.RequestAsync<List<SymbolInformation>>("textDocument/documentSymbol", new { textDocument = new { uri = lab.Uri } });
        var column = symbols.Single(s => s.Name == "ra" && s.Kind == 8);
        Assert.Equal("gaia_sources", column.ContainerName);
        Assert.Equal(lab.Uri, column.Location.Uri);
    }

    [Fact]
    public async Task The_outline_is_there_while_the_file_has_syntax_errors()
    {
        await using var lab = await Lab.OpenAsync(Hierarchical);
        await lab.Session.ReplaceAsync(lab.Uri, lab.Text.Replace("column ra               double", "column ra double (((", StringComparison.Ordinal), 2);
        var symbols = await lab.RequestAsync<List<DocumentSymbol>>("textDocument/documentSymbol", new { textDocument = new { uri = lab.Uri } });
        Assert.Contains(symbols, s => s.Name == "photometry");
        Assert.Contains(symbols.Single(s => s.Name == "gaia_sources").Children!, c => c.Name == "source_id");
    }

    [Fact]
    public async Task Workspace_symbols_match_the_query_across_the_files_of_the_policy()
    {
        await using var lab = await Lab.OpenAsync();
        lab.Policy.Write("more/extra.gov", "role auditor \"External auditors\"\n");
        await lab.Session.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = lab.Policy.Uri("more/extra.gov"), type = 1 } } });

        var found = await lab.RequestAsync<List<SymbolInformation>>("workspace/symbol", new { query = "gsrc" });
        Assert.Contains(found, s => s.Name == "gaia_sources" && s.Kind == 5);
        Assert.DoesNotContain(found, s => s.Name == "photometry");

        var auditor = Assert.Single(await lab.RequestAsync<List<SymbolInformation>>("workspace/symbol", new { query = "auditor" }));
        Assert.Equal(lab.Policy.Uri("more/extra.gov"), auditor.Location.Uri);
        Assert.Equal(new Range(new Position(0, 5), new Position(0, 12)), auditor.Location.Range);

        var first = (await lab.RequestAsync<List<SymbolInformation>>("workspace/symbol", new { query = "ra" }))[0];
        Assert.Equal("ra", first.Name);
    }

    private static IEnumerable<DocumentSymbol> Flatten(IEnumerable<DocumentSymbol> symbols) =>
        symbols.SelectMany(s => Flatten(s.Children ?? []).Prepend(s));

    private static bool Contains(Range outer, Range inner) =>
        Compare(outer.Start, inner.Start) <= 0 && Compare(inner.End, outer.End) <= 0;

    private static int Compare(Position a, Position b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Character.CompareTo(b.Character);
}
