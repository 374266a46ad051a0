using System.Text.RegularExpressions;
using PolicyLang.Core.Controls;
using Xunit;

namespace PolicyLang.Core.Tests.Controls;

/// <summary>
/// The built-in coverage table lives in the repository's docs, equal to the data the analyzer uses, and the docs point
/// nowhere outside the repository (every relative link resolves to a file in it).
/// </summary>
public sealed partial class CoverageTableTests
{
    private const string Start = "<!-- generated from CoverageRules.RenderMarkdown(); CoverageTableTests keeps it equal (scripts/rebaseline.sh rewrites it) -->\n";
    private const string End = "<!-- end of the coverage table -->";

    [Fact]
    public void Docs_controls_and_docs_md_holds_the_coverage_table_generated_from_the_rules()
    {
        var path = RepositoryPaths.InRoot("docs", "controls-and-docs.md");
        var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = text.IndexOf(Start, StringComparison.Ordinal) + Start.Length;
        var end = text.IndexOf(End, start, StringComparison.Ordinal);
        Assert.True(start >= Start.Length && end >= start, "docs/controls-and-docs.md lost the coverage table's markers");
        var expected = CoverageRules.RenderMarkdown();
        if (Baseline.Rebaselining)
        {
            File.WriteAllText(path, text[..start] + expected + text[end..]);
            return;
        }

        Assert.Equal(expected, text[start..end]);
        Assert.All(CoverageRules.SafeguardIds, id => Assert.Contains($"| {id} |", expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Docs_and_readme_link_only_to_files_inside_the_repository()
    {
        var pages = Directory.GetFiles(RepositoryPaths.InRoot("docs"), "*.md").Append(RepositoryPaths.InRoot("README.md"));
        var problems = new List<string>();
        foreach (var page in pages)
        {
            var text = File.ReadAllText(page);
            var folder = Path.GetDirectoryName(page)!;
            if (text.Contains("shared/spec", StringComparison.Ordinal) || text.Contains("../shared", StringComparison.Ordinal))
            {
                problems.Add($"{Path.GetFileName(page)} names ../shared (outside the repository)");
            }

            foreach (Match link in RelativeLink().Matches(text))
            {
                var target = Path.GetFullPath(Path.Combine(folder, link.Groups["path"].Value));
                if (!target.StartsWith(RepositoryPaths.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !(File.Exists(target) || Directory.Exists(target)))
                {
                    problems.Add($"{Path.GetFileName(page)} links to {link.Groups["path"].Value}, which is not a file of the repository");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Gov0401_names_the_declarations_that_would_cover_the_safeguard()
    {
        Assert.Equal("`retain` on every dataset (every dataset has a retention window)", CoverageRules.Declarations("3.4"));
        Assert.Contains("`grant` on every dataset", CoverageRules.Declarations("6.1"), StringComparison.Ordinal);
        Assert.Null(CoverageRules.Declarations("4.1"));
    }

    // Markdown links [text](path) that are not URLs or in-page anchors; an anchor after the path is ignored.
    [GeneratedRegex(@"\]\((?!https?:|mailto:|#)(?<path>[^)#\s]+)(#[^)]*)?\)")]
    private static partial Regex RelativeLink();
}
