using System.Text.RegularExpressions;
using PolicyLang.Core.Parsing;
using PolicyLang.Core.Text;
using Xunit;

namespace PolicyLang.Core.Tests.Grammar;

/// <summary>Keeps grammar/policy.ebnf honest against the Pidgin parser.</summary>
public sealed partial class GrammarTests
{
    private static readonly string Ebnf = File.ReadAllText(RepositoryPaths.InRoot("grammar", "policy.ebnf"));

    private static IEnumerable<(string Production, string Body, string[] Samples)> Productions()
    {
        var matches = ProductionPattern().Matches(Ebnf);
        for (var i = 0; i < matches.Count; i++)
        {
            var start = matches[i].Index;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : Ebnf.Length;
            var text = Ebnf[start..end];
            var samples = SamplePattern().Matches(text).Select(m => m.Groups[1].Value.Trim()).ToArray();
            yield return (matches[i].Groups[1].Value, text, samples);
        }
    }

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var sample in Productions().SelectMany(p => p.Samples))
        {
            data.Add(sample);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_parses_without_syntax_errors(string sample)
    {
        var result = PolicyParser.Parse(new SourceFile("sample.gov", sample));
        Assert.Empty(result.Diagnostics.Select(d => d.ToCanonicalString()));
        Assert.DoesNotContain(result.Syntax.Declarations, d => d is Syntax.SkippedDeclarationSyntax);
    }

    [Fact]
    public void Every_top_level_production_has_a_sample()
    {
        var missing = Productions()
            .Where(p => p.Production.EndsWith("_decl", StringComparison.Ordinal) || p.Production is "rule" or "retain" or "mask" or "grant" or "column_check" or "rule_body")
            .Where(p => p.Samples.Length == 0)
            .Select(p => p.Production)
            .ToArray();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_keyword_the_parser_accepts_is_in_the_grammar()
    {
        var parserSources = Directory.GetFiles(RepositoryPaths.InRoot("src", "PolicyLang.Core", "Parsing"), "*.cs")
            .Select(File.ReadAllText);
        var keywords = parserSources.SelectMany(s => KeywordCall().Matches(s).Select(m => m.Groups[1].Value))
            .Concat(GrammarPrimitives.DurationUnits)
            .Concat(GovGrammar.DeclarationKeywords)
            .Distinct()
            .ToArray();
        Assert.NotEmpty(keywords);
        var missing = keywords.Where(k => !Ebnf.Contains($"\"{k}\"", StringComparison.Ordinal)).ToArray();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_quoted_word_terminal_appears_in_a_sample()
    {
        var grammarOnly = SamplePattern().Replace(Ebnf, string.Empty);
        var productionsText = grammarOnly[grammarOnly.IndexOf("policy_file", StringComparison.Ordinal)..];
        var terminals = TerminalPattern().Matches(productionsText).Select(m => m.Groups[1].Value).Distinct();
        var samples = string.Join('\n', Productions().SelectMany(p => p.Samples));
        var unexercised = terminals.Where(t => !Regex.IsMatch(samples, $@"(?<![\w-]){Regex.Escape(t)}(?![\w-])")).ToArray();
        Assert.Empty(unexercised);
    }

    [GeneratedRegex(@"^([a-z_]+)\s*=", RegexOptions.Multiline)]
    private static partial Regex ProductionPattern();

    [GeneratedRegex(@"\(\* e\.g\. (.*?) \*\)")]
    private static partial Regex SamplePattern();

    [GeneratedRegex(@"Kw\(""([a-z-]+)""\)")]
    private static partial Regex KeywordCall();

    [GeneratedRegex(@"""([a-z][a-z-]*)""")]
    private static partial Regex TerminalPattern();
}
