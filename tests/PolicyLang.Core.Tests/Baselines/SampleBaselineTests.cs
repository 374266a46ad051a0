using PolicyLang.Core.Compilation;
using PolicyLang.Core.Formatting;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;
using Xunit;

namespace PolicyLang.Core.Tests.Baselines;

/// <summary>
/// Every sample under Samples/&lt;case&gt;/main.gov is baselined at every stage: its syntax dump
/// (main.syntax.txt), its diagnostics written under the offending lines (main.diagnostics.txt) and its
/// canonical layout (main.formatted.gov; the text as written when it has syntax errors, which `policyc fmt` leaves untouched).
/// </summary>
public sealed class SampleBaselineTests
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(RepositoryPaths.Samples).Order(StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(dir, "main.gov")))
            {
                data.Add(Path.GetFileName(dir));
            }
        }

        return data;
    }

    public static SourceFile LoadSample(string name)
    {
        var path = Path.Combine(RepositoryPaths.Samples, name, "main.gov");
        return new SourceFile($"{name}/main.gov", File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    /// <summary>Samples that stand for a shipped example must stay copies of it, or their baselines prove nothing about it.</summary>
    [Theory]
    [InlineData("astronomy-lab", "examples/astronomy-lab/lab.gov")]
    [InlineData("quickstart", "examples/quickstart/quickstart.gov")]
    public void Example_samples_are_copies_of_the_examples(string name, string example)
    {
        var sample = Path.Combine(RepositoryPaths.Samples, name, "main.gov");
        var source = RepositoryPaths.InRoot(example.Split('/'));
        if (RepositoryPaths.Rebaseline)
        {
            File.Copy(source, sample, overwrite: true);
        }

        Assert.Equal(File.ReadAllText(source), File.ReadAllText(sample));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Syntax_matches_baseline(string name)
    {
        var compilation = PolicyCompilation.Create([LoadSample(name)], Today);
        Baseline.Match(Path.Combine(RepositoryPaths.Samples, name, "main.syntax.txt"), SyntaxPrinter.Print(compilation.Syntax[0].Syntax));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnostics_match_baseline(string name)
    {
        var file = LoadSample(name);
        var compilation = PolicyCompilation.Create([file], Today);
        Baseline.Match(Path.Combine(RepositoryPaths.Samples, name, "main.diagnostics.txt"), DiagnosticsAnnotator.Annotate(file, compilation.Diagnostics));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Formatted_text_matches_baseline(string name)
    {
        var file = LoadSample(name);
        var formatted = PolicyFormatter.Format(file).Text ?? file.Text;
        Baseline.Match(Path.Combine(RepositoryPaths.Samples, name, "main.formatted.gov"), formatted);
    }
}
