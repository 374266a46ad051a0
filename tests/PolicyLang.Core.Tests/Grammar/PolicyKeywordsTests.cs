using System.Text.RegularExpressions;
using PolicyLang.Core.Parsing;
using Xunit;

namespace PolicyLang.Core.Tests.Grammar;

/// <summary><see cref="PolicyKeywords"/> (what editors are checked against) is the parser's vocabulary, the one grammar/policy.ebnf spells.</summary>
public sealed partial class PolicyKeywordsTests
{
    private static readonly string Ebnf = File.ReadAllText(RepositoryPaths.InRoot("grammar", "policy.ebnf"));

    [Fact]
    public void Every_keyword_is_a_quoted_terminal_of_the_grammar()
    {
        var missing = PolicyKeywords.All.Where(k => !Ebnf.Contains($"\"{k}\"", StringComparison.Ordinal)).ToArray();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_quoted_word_of_the_grammar_productions_is_a_keyword()
    {
        var productions = SamplePattern().Replace(Ebnf, string.Empty);
        productions = productions[productions.IndexOf("policy_file", StringComparison.Ordinal)..];
        var words = WordTerminal().Matches(productions).Select(m => m.Groups[1].Value).Distinct();
        var notKeywords = words.Where(w => !PolicyKeywords.All.Contains(w)).ToArray();
        Assert.Empty(notKeywords);
    }

    [Fact]
    public void Keywords_are_sorted_and_distinct()
    {
        Assert.Equal(PolicyKeywords.All.Distinct().Order(StringComparer.Ordinal), PolicyKeywords.All);
    }

    [GeneratedRegex(@"\(\* e\.g\. .*? \*\)")]
    private static partial Regex SamplePattern();

    [GeneratedRegex(@"""([a-z][a-z-]*)""")]
    private static partial Regex WordTerminal();
}
