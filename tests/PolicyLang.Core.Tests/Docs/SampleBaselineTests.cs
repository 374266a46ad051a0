using PolicyLang.Core.Controls;
using PolicyLang.Core.Docs;
using PolicyLang.Core.Tests.Support;
using Xunit;

namespace PolicyLang.Core.Tests.Docs;

/// <summary>
/// Per sample: the compliance Markdown, the JSON and the diagnostics, each against a baseline
/// beside the sample. Re-baseline with POLICYLANG_REBASELINE=1 and review the diff.
/// </summary>
public class SampleBaselineTests
{
    public static TheoryData<string, string> Samples() => new()
    {
        { "astronomy-lab", "lab.gov" },
        { "coverage-gaps", "main.gov" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_matches_its_baselines(string sample, string file)
    {
        var text = File.ReadAllText(Path.Combine(Golden.SamplesDirectory(), sample, file)).ReplaceLineEndings("\n");
        var compilation = Compile.Text(text, file);
        var (report, _) = CoverageAnalyzer.Analyze(compilation.Bound, Compile.Today);
        var markdown = ComplianceDocument.RenderMarkdown(compilation.Bound, report);
        var json = ComplianceDocument.RenderJson(compilation.Bound, report);

        Golden.Match($"{sample}/diagnostics.txt", string.Concat(compilation.Diagnostics.Select(d => d + "\n")));
        Golden.Match($"{sample}/compliance.md", markdown);
        Golden.Match($"{sample}/compliance.json", json);

        // INVARIANT: documents carry variable names, never env() syntax or a value from the environment.
        foreach (var document in new[] { markdown, json })
        {
            Assert.DoesNotContain("env(", document);
        }
    }
}
