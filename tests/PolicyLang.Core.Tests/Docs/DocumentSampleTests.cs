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
/// Policies unlike the examples (S3 only, MongoDB with waivers, several files), each under
/// Docs/Samples/&lt;case&gt;/ with every .gov file of the folder forming one policy: the compliance
/// Markdown, JSON and diagnostics against baselines beside them (POLICYLANG_REBASELINE=1 rewrites
/// them; review the diff), plus structural checks every document must pass whatever the policy.
/// </summary>
public partial class DocumentSampleTests
{
    private static readonly string SamplesRoot = Path.Combine(RepositoryPaths.TestProject, "Docs", "Samples");

    public static TheoryData<string> Samples() => new(Directory.GetDirectories(SamplesRoot).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    private static (PolicyCompilation Compilation, string Markdown, string Json) Render(string sample)
    {
        var folder = Path.Combine(SamplesRoot, sample);
        var files = Directory.EnumerateFiles(folder, "*.gov", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => new SourceFile(Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText(f).ReplaceLineEndings("\n")))
            .ToList();
        var compilation = PolicyCompilation.Create(files, Compile.Today);
        var (report, _) = CoverageAnalyzer.Analyze(compilation.Bound, Compile.Today);
        return (compilation, ComplianceDocument.RenderMarkdown(compilation.Bound, report), ComplianceDocument.RenderJson(compilation.Bound, report));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_documents_match_their_baselines(string sample)
    {
        var (compilation, markdown, json) = Render(sample);
        var folder = Path.Combine(SamplesRoot, sample);
        Golden.Match(Path.Combine(folder, "diagnostics.txt"), string.Concat(compilation.Diagnostics.Select(d => d + "\n")));
        Golden.Match(Path.Combine(folder, "compliance.md"), markdown);
        Golden.Match(Path.Combine(folder, "compliance.json"), json);
    }

    [Theory]
    [MemberData(nameof(Samples))]
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
    [MemberData(nameof(Samples))]
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
