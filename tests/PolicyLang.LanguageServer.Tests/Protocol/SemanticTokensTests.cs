using System.Text.Json;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;
using Xunit;

namespace PolicyLang.LanguageServer.Tests.Protocol;

public sealed class SemanticTokensTests
{
    [Fact]
    public async Task Names_get_their_role_and_declarations_are_marked()
    {
        await using var lab = await Lab.OpenAsync();
        var tokens = await TokensAsync(lab.Session, lab.Uri);

        Assert.Equal("class declaration", Describe(tokens.At(lab.Find("gaia_sources in"))));
        Assert.Equal("namespace", Describe(tokens.At(lab.Find("research table"))));
        Assert.Equal("namespace declaration", Describe(tokens.At(lab.Find("store research", 6))));
        Assert.Equal("type", Describe(tokens.At(lab.Find("postgres {"))));
        Assert.Equal("property declaration", Describe(tokens.At(lab.Find("column source_id", 7))));
        Assert.Equal("property", Describe(tokens.At(lab.Find("source_id unique"))));
        Assert.Equal("type", Describe(tokens.At(lab.Find("bigint"))));
        Assert.Equal("enumMember", Describe(tokens.At(lab.Find("classification internal", 15))));
        Assert.Equal("enumMember declaration", Describe(tokens.At(lab.Find("confidential <"))));
        Assert.Equal("variable", Describe(tokens.At(lab.Find("researcher, analyst"))));
        Assert.Equal("function declaration", Describe(tokens.At(lab.Find("plausible_magnitude"))));
        Assert.Equal("function", Describe(tokens.At(lab.Find("ra_between"))));
        Assert.Equal("regexp", Describe(tokens.At(lab.Find("\"^[^@"))));
        Assert.Equal("decorator", Describe(tokens.At(lab.Find("3.11"))));
        Assert.Equal("enum", Describe(tokens.At(lab.Find("nist-csf-1.1"))));
        Assert.Equal("keyword", Describe(tokens.At(lab.Find("dataset gaia_sources"))));
        Assert.Equal("number", Describe(tokens.At(lab.Find("2025-07-27"))));
        Assert.Equal("operator", Describe(tokens.At(lab.Find("> 0 "))));
        Assert.Equal("string", Describe(tokens.At(lab.Find("\"catalog.photometry\""))));
        var comment = tokens.At(new Position(0, 0));
        Assert.Equal(("comment", 77), (comment.Type, comment.Length));
        Assert.Equal(lab.Text.Split('\n')[0].Length, comment.Length);
    }

    [Fact]
    public async Task Positions_and_lengths_count_in_the_negotiated_encoding_and_multi_line_comments_are_split_by_line()
    {
        using var policy = TempPolicy.Empty();
        const string text = "role r \"données 🔭\" /* é\n😀 */ role s \"x\"\n";
        foreach (var (encoding, stringLength, commentStart, roleName) in new[] { ("utf-16", 12, 20, 11), ("utf-8", 15, 23, 13) })
        {
            var (session, _) = await LanguageServerSession.InitializedAsync(policy.Path, new { general = new { positionEncodings = new[] { encoding } } });
            await using var _1 = session;
            await session.OpenAsync(policy.Uri("main.gov"), text);
            var tokens = await TokensAsync(session, policy.Uri("main.gov"));
            Assert.Equal(stringLength, tokens.At(new Position(0, 7)).Length);
            var firstLine = tokens.At(new Position(0, commentStart));
            Assert.Equal("comment", firstLine.Type);
            Assert.Equal("comment", tokens.At(new Position(1, 0)).Type);
            Assert.Equal("variable declaration", Describe(tokens.At(new Position(1, roleName))));
        }
    }

    private static string Describe(SemanticTokenData.Token token) => string.Join(' ', token.Modifiers.Prepend(token.Type));

    internal static async Task<IReadOnlyList<SemanticTokenData.Token>> TokensAsync(LanguageServerSession session, string uri)
    {
        var legend = session.Capabilities.GetProperty("semanticTokensProvider").GetProperty("legend");
        var result = await session.RequestAsync("textDocument/semanticTokens/full", new { textDocument = new { uri } });
        var data = result.GetProperty("data").EnumerateArray().Select(e => e.GetInt32()).ToList();
        return SemanticTokenData.Decode(data, Strings(legend.GetProperty("tokenTypes")), Strings(legend.GetProperty("tokenModifiers")));
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
