using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PolicyLang.Core.Parsing;
using Xunit;

namespace PolicyLang.Editor.Tests;

/// <summary>The grammar's keyword list is the parser's: a keyword added to the parser and forgotten here fails.</summary>
public sealed partial class GrammarKeywordTests
{
    [Fact]
    public void The_grammar_keywords_are_exactly_the_parser_keywords()
    {
        var grammar = GrammarKeywords();
        var parser = PolicyKeywords.All.ToHashSet(StringComparer.Ordinal);
        Assert.Empty(parser.Except(grammar).Order(StringComparer.Ordinal));
        Assert.Empty(grammar.Except(parser).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_emacs_mode_keywords_are_exactly_the_parser_keywords()
    {
        var elisp = File.ReadAllText(EditorTools.InRoot("editors", "emacs", "gov-mode.el"));
        var list = ElispKeywordList().Match(elisp);
        Assert.True(list.Success, "gov-mode.el has no (defconst gov-keywords '(...))");
        var emacs = Regex.Matches(list.Groups[1].Value, "\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(PolicyKeywords.All.Order(StringComparer.Ordinal), emacs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_parser_keywords_include_settings_location_kinds_and_units()
    {
        // PolicyKeywords collects the words of Setting(...), OneOfWords(...) and Kw(...) alike.
        Assert.Contains("version", PolicyKeywords.All);
        Assert.Contains("storage-class", PolicyKeywords.All);
        Assert.Contains("collection", PolicyKeywords.All);
        Assert.Contains("days", PolicyKeywords.All);
        Assert.Contains("object-age", PolicyKeywords.All);
        Assert.DoesNotContain("postgres", PolicyKeywords.All);
    }

    [Fact]
    public void Every_keyword_is_written_in_an_annotated_sample()
    {
        var code = string.Join('\n', Directory.GetFiles(EditorTools.InRoot("tests", "grammar"), "*.gov")
            .SelectMany(File.ReadLines)
            .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
        var missing = PolicyKeywords.All.Where(k => !Regex.IsMatch(code, $@"(?<![\w.-]){Regex.Escape(k)}(?![\w-])")).ToArray();
        Assert.Empty(missing);
    }

    /// <summary>The words of the alternations <c>(?:a|b|...)</c> of the grammar's <c>keywords</c> rules.</summary>
    private static HashSet<string> GrammarKeywords()
    {
        var grammar = JsonNode.Parse(File.ReadAllText(EditorTools.Grammar))!;
        var patterns = grammar["repository"]!["keywords"]!["patterns"]!.AsArray();
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            var match = (string)pattern!["match"]!;
            var alternation = Alternation().Match(match);
            Assert.True(alternation.Success, $"a keywords rule is not a word alternation: {match}");
            words.UnionWith(alternation.Groups[1].Value.Split('|'));
        }

        return words;
    }

    [GeneratedRegex(@"\(defconst gov-keywords\s+'\(([^)]*)\)")]
    private static partial Regex ElispKeywordList();

    [GeneratedRegex(@"\(\?:([a-z0-9|-]+)\)")]
    private static partial Regex Alternation();
}
