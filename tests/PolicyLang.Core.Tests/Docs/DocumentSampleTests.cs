using System.Text.Json;
using System.Text.RegularExpressions;
using PolicyLang.Core.Compilation;
using PolicyLang.Core.Controls;
using PolicyLang.Core.Docs;
using PolicyLang.Core.Tests.Support;
using PolicyLang.Core.Text;
using Xunit;

namespace PolicyLang.Core.Tests.Docs;

/// <summary>
/// Every sample of tests/samples/ with document baselines (the astronomy lab example, coverage gaps, S3 only, MongoDB with
/// waivers, several files, ...), its policy files forming one policy: the compliance Markdown, JSON and diagnostics against
/// baselines beside them (POLICYLANG_REBASELINE=1 rewrites them; review the diff), plus structural checks every document
/// must pass whatever the policy.
/// </summary>
public partial class DocumentSampleTests
{
    public static TheoryData<string> DocumentSamples() => new(Samples.WithDocuments);

    private static (PolicyCompilation Compilation, string Markdown, string Json) Render(string sample)
    {
        var files = Samples.Sources(sample).Select(f => new SourceFile(f.Path, f.Text)).ToList();
        var compilation = PolicyCompilation.Create(files, Compile.Today);
        var (report, _) = CoverageAnalyzer.Analyze(compilation.Bound, Compile.Today);
        return (compilation, ComplianceDocument.RenderMarkdown(compilation.Bound, report), ComplianceDocument.RenderJson(compilation.Bound, report));
    }

    [Theory]
    [MemberData(nameof(DocumentSamples))]
    public void Sample_documents_match_their_baselines(string sample)
    {
        var (compilation, markdown, json) = Render(sample);
        Baseline.Match(Samples.BaselinePath(sample, "diagnostics.txt"), string.Concat(compilation.Diagnostics.Select(d => d + "\n")));
        Baseline.Match(Samples.BaselinePath(sample, "compliance.md"), markdown);
        Baseline.Match(Samples.BaselinePath(sample, "compliance.json"), json);
    }

    [Theory]
    [MemberData(nameof(DocumentSamples))]
    public void Documents_carry_variable_names_never_env_syntax_or_an_environment_value(string sample)
    {
        var (_, markdown, json) = Render(sample);
        foreach (var document in new[] { markdown, json })
        {
            Assert.DoesNotContain("env(", document);
        }
    }

    [Theory]
    [MemberData(nameof(DocumentSamples))]
    public void Every_markdown_table_has_rows_and_the_same_cell_count_on_every_line(string sample)
    {
        var (_, markdown, _) = Render(sample);
        var tables = Regex.Matches(markdown, @"(?m)(^\|.*\n)+").Select(m => m.Value.TrimEnd('\n').Split('\n')).ToList();
        Assert.NotEmpty(tables);
        foreach (var lines in tables)
        {
            Assert.True(lines.Length >= 3, $"a table without rows:\n{string.Join('\n', lines)}");
            var cells = lines.Select(l => UnescapedPipe().Matches(l).Count).ToList();
            Assert.True(cells.All(c => c == cells[0]), $"a row whose cells do not line up with the header (| or a line break in policy text not escaped):\n{string.Join('\n', lines)}");
        }
    }

    [Theory]
    [MemberData(nameof(DocumentSamples))]
    public void The_json_carries_the_statuses_and_evidence_the_markdown_shows(string sample)
    {
        var (_, markdown, json) = Render(sample);
        using var document = JsonDocument.Parse(json);
        foreach (var control in document.RootElement.GetProperty("controls").EnumerateArray())
        {
            var row = markdown.Split('\n').Single(l => l.StartsWith($"| **CIS.{control.GetProperty("id").GetString()}** | ", StringComparison.Ordinal) && l.Contains("Derived from policy", StringComparison.Ordinal));
            var status = control.GetProperty("status").GetString() switch
            {
                "notCovered" => "Not covered",
                var s => char.ToUpperInvariant(s![0]) + s[1..],
            };
            Assert.Contains($"| **{status}**", row, StringComparison.Ordinal);
            foreach (var evidence in control.GetProperty("evidence").EnumerateArray())
            {
                Assert.Contains($"`{evidence.GetProperty("file").GetString()}:{evidence.GetProperty("line").GetInt32()}`", row, StringComparison.Ordinal);
            }

            foreach (var lacking in control.GetProperty("lacking").EnumerateArray())
            {
                Assert.Contains(lacking.GetString()!, row, StringComparison.Ordinal);
            }
        }
    }

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipe();
}
