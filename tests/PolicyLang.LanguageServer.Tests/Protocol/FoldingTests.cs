using System.Text.Json;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;
using Xunit;

namespace PolicyLang.LanguageServer.Tests.Protocol;

public sealed class FoldingTests
{
    [Fact]
    public async Task Blocks_fold_up_to_their_closing_brace_and_comment_runs_fold_whole()
    {
        await using var lab = await Lab.OpenAsync();
        var ranges = await lab.RequestAsync<List<FoldingRange>>("textDocument/foldingRange", new { textDocument = new { uri = lab.Uri } });

        var gaia = lab.Find("dataset gaia_sources").Line;
        Assert.Contains(new FoldingRange(gaia, lab.Find("grant write to ingest").Line, null), ranges);
        Assert.Contains(new FoldingRange(0, 2, "comment"), ranges);
        Assert.Contains(new FoldingRange(lab.Find("store offsite").Line, lab.Find("encryption    aes256").Line, null), ranges);
        // One-line blocks (`store research postgres { ... }`) and single comment lines do not fold.
        Assert.DoesNotContain(ranges, r => r.StartLine == lab.Find("store research").Line);
        Assert.DoesNotContain(ranges, r => r.StartLine == lab.Find("// Ordered from least").Line);
        Assert.All(ranges, r => Assert.True(r.EndLine > r.StartLine));
    }

    [Fact]
    public async Task Block_comments_and_unbalanced_brackets_fold_what_they_can()
    {
        using var policy = TempPolicy.Empty();
        var (session, _) = await LanguageServerSession.InitializedAsync(policy.Path);
        await using var _1 = session;
        await session.OpenAsync(policy.Uri("main.gov"), "/* a\n   b\n*/\nstore s duckdb {\n  file \"x\"\n  ]\n}\ndataset d in s table \"t\" {\n  column a text\n");
        var ranges = (await session.RequestAsync("textDocument/foldingRange", new { textDocument = new { uri = policy.Uri("main.gov") } }))
            .Deserialize<List<FoldingRange>>(Rpc.ProtocolJson.Options)!;
        Assert.Equal([new FoldingRange(0, 2, "comment"), new FoldingRange(3, 5, null)], ranges);
    }
}
