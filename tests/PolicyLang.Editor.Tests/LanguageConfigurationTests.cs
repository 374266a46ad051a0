using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace PolicyLang.Editor.Tests;

/// <summary>editors/vscode/language-configuration.json agrees with the language: comments, brackets, words.</summary>
public sealed class LanguageConfigurationTests
{
    private static readonly JsonNode Configuration =
        JsonNode.Parse(File.ReadAllText(Path.Combine(EditorTools.Extension, "language-configuration.json")))!;

    [Theory]
    [InlineData("storage-class")]
    [InlineData("nist-csf-1.1")]
    [InlineData("tamper-evident")]
    [InlineData("glacier-flexible-retrieval")]
    [InlineData("source_id")]
    [InlineData("3.10")]
    [InlineData("2025-07-27")]
    [InlineData("0.5%")]
    [InlineData("-90")]
    public void A_word_of_the_language_is_one_editor_word(string word)
    {
        var pattern = new Regex((string)Configuration["wordPattern"]!);
        Assert.Equal(word, pattern.Match($" {word} ").Value);
    }

    [Fact]
    public void A_dotted_column_path_is_several_words()
    {
        var pattern = new Regex((string)Configuration["wordPattern"]!);
        Assert.Equal(["gaia", "source_id"], pattern.Matches("gaia.source_id").Select(m => m.Value));
    }

    [Fact]
    public void Comments_are_the_lexer_comments()
    {
        Assert.Equal("//", (string)Configuration["comments"]!["lineComment"]!);
        Assert.Equal(["/*", "*/"], Configuration["comments"]!["blockComment"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public void Brackets_close_automatically_and_surround_selections()
    {
        string[][] pairs = [["{", "}"], ["[", "]"], ["(", ")"]];
        var brackets = Configuration["brackets"]!.AsArray().Select(p => p!.AsArray().Select(n => (string)n!).ToArray()).ToArray();
        Assert.Equal(pairs, brackets);
        var autoClosing = Configuration["autoClosingPairs"]!.AsArray().Select(p => ((string)p!["open"]!, (string)p["close"]!)).ToArray();
        Assert.Contains(("{", "}"), autoClosing);
        Assert.Contains(("\"", "\""), autoClosing);
        var surrounding = Configuration["surroundingPairs"]!.AsArray().Select(p => (string)p![0]!).ToArray();
        Assert.Equal(["{", "[", "(", "\""], surrounding);
    }

    [Theory]
    [InlineData("dataset gaia in research table \"catalog.gaia\" {", true)]
    [InlineData("  expect band in [", true)]
    [InlineData("store s postgres { connection env(\"X\") }", false)]
    [InlineData("  // a comment about {", false)]
    public void A_line_that_opens_a_block_indents_the_next(string line, bool indents)
    {
        var increase = new Regex((string)Configuration["indentationRules"]!["increaseIndentPattern"]!);
        Assert.Equal(indents, increase.IsMatch(line));
    }

    [Theory]
    [InlineData("}")]
    [InlineData("  ]")]
    public void A_closing_bracket_outdents(string line) =>
        Assert.Matches((string)Configuration["indentationRules"]!["decreaseIndentPattern"]!, line);
}
