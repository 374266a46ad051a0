using PolicyLang.Core.Compilation;
using PolicyLang.Core.Formatting;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;
using Xunit;

namespace PolicyLang.Core.Tests.Baselines;

/// <summary>
/// Every single-file sample under tests/samples/&lt;case&gt;/ (its main.gov, or the example it reads in place) is baselined at every stage: its syntax dump
/// (main.syntax.txt), its diagnostics written under the offending lines (main.diagnostics.txt) and its
/// canonical layout (main.formatted.gov; the text as written when it has syntax errors, which `policyc fmt` leaves untouched).
/// </summary>
public sealed class SampleBaselineTests
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    public static TheoryData<string> Cases() => new(Samples.SingleFile);

    /// <summary>
    /// The sample's policy under the name <c>&lt;case&gt;/main.gov</c> (an example's too, so its baselines do not depend on
    /// where the example lives).
    /// </summary>
    public static SourceFile LoadSample(string name) => new($"{name}/main.gov", Samples.ReadMain(name));

    /// <summary>Samples that stand for a shipped example read it in place: their baselines speak of the example, never of a copy.</summary>
    [Theory]
    [InlineData("astronomy-lab", "examples/astronomy-lab/lab.gov")]
    [InlineData("quickstart", "examples/quickstart/quickstart.gov")]
    public void Example_samples_read_the_examples_in_place(string name, string example)
    {
        Assert.Equal(RepositoryPaths.InRoot(example.Split('/')), Samples.MainPath(name));
        Assert.False(File.Exists(Path.Combine(Samples.Folder(name), "main.gov")), $"tests/samples/{name} holds a copy of {example}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Syntax_matches_baseline(string name)
    {
        var compilation = PolicyCompilation.Create([LoadSample(name)], Today);
        Baseline.Match(Samples.BaselinePath(name, "main.syntax.txt"), SyntaxPrinter.Print(compilation.Syntax[0].Syntax));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnostics_match_baseline(string name)
    {
        var file = LoadSample(name);
        var compilation = PolicyCompilation.Create([file], Today);
        Baseline.Match(Samples.BaselinePath(name, "main.diagnostics.txt"), DiagnosticsAnnotator.Annotate(file, compilation.Diagnostics));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Formatted_text_matches_baseline(string name)
    {
        var file = LoadSample(name);
        var formatted = PolicyFormatter.Format(file).Text ?? file.Text;
        Baseline.Match(Samples.BaselinePath(name, "main.formatted.gov"), formatted);
    }
}
