using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace PolicyLang.Core.Tests.Repository;

/// <summary>
/// docs/architecture.md states every project under src/ and the projects it references; this keeps that table equal to
/// the .csproj files (ProjectReference items, globs expanded as MSBuild expands them), so the newcomer's picture stays true.
/// </summary>
public sealed partial class ArchitectureDocumentTests
{
    private static readonly string Document = RepositoryPaths.InRoot("docs", "architecture.md");

    [Fact]
    public void The_project_table_lists_every_project_under_src()
    {
        var projects = Directory.EnumerateFiles(RepositoryPaths.InRoot("src"), "*.csproj", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(projects, StatedReferences().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_project_table_states_each_project_s_references()
    {
        foreach (var (project, stated) in StatedReferences())
        {
            var actual = ProjectReferences(RepositoryPaths.InRoot("src", project, project + ".csproj"));
            Assert.True(stated.SetEquals(actual), $"{project}: docs/architecture.md states [{string.Join(", ", stated.Order())}], its .csproj references [{string.Join(", ", actual.Order())}]");
        }
    }

    [Fact]
    public void Dependencies_flow_one_way_the_language_and_the_runtime_never_meet()
    {
        var stated = StatedReferences();
        Assert.Empty(stated["PolicyLang.Contracts"]);
        Assert.DoesNotContain(stated["PolicyLang.Core"], r => r.StartsWith("PolicyLang.Runtime", StringComparison.Ordinal));
        Assert.DoesNotContain("PolicyLang.Core", stated["PolicyLang.Runtime"]);
        Assert.All(stated.Where(p => p.Key.StartsWith("PolicyLang.Runtime.", StringComparison.Ordinal)),
            store => Assert.Equal(["PolicyLang.Runtime"], store.Value));
    }

    [Fact]
    public void Every_file_the_document_names_exists()
    {
        // A backticked path with a file extension: from the repository's root, or (`Parsing/RuleGrammar.cs`) inside a project under src/.
        var named = Names(File.ReadAllText(Document)).Where(n => n.Contains('/', StringComparison.Ordinal) && FileName().IsMatch(n)).Distinct().ToList();
        Assert.NotEmpty(named);
        var projects = Directory.GetDirectories(RepositoryPaths.InRoot("src"));
        var missing = named.Where(n => !File.Exists(RepositoryPaths.InRoot(n)) && !projects.Any(p => File.Exists(Path.Combine(p, n)))).ToList();
        Assert.True(missing.Count == 0, $"docs/architecture.md names files that do not exist: {string.Join(", ", missing)}");
    }

    /// <summary>The rows of the table under "## Projects": project → the backticked names in its references cell.</summary>
    private static Dictionary<string, HashSet<string>> StatedReferences()
    {
        var lines = File.ReadAllLines(Document);
        var header = Array.FindIndex(lines, l => l.StartsWith("| project | references |", StringComparison.Ordinal));
        Assert.True(header >= 0, "docs/architecture.md has no `| project | references | role |` table");
        var rows = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Split('|');
            var project = Names(cells[1]).Single();
            rows.Add(project, Names(cells[2]).ToHashSet(StringComparer.Ordinal));
        }

        return rows;
    }

    private static IEnumerable<string> Names(string cell) => Backticked().Matches(cell).Select(m => m.Groups[1].Value);

    /// <summary>The projects a .csproj references: each ProjectReference, an item list such as <c>@(RuntimeStoreProject)</c> resolved to its globbed items.</summary>
    private static HashSet<string> ProjectReferences(string csproj)
    {
        var xml = XDocument.Load(csproj);
        var folder = Path.GetDirectoryName(csproj)!;
        var references = new HashSet<string>(StringComparer.Ordinal);
        foreach (var include in xml.Descendants("ProjectReference").Select(r => (string)r.Attribute("Include")!))
        {
            var items = ItemList().Match(include) is { Success: true } list
                ? xml.Descendants(list.Groups[1].Value).Select(i => (string)i.Attribute("Include")!)
                : [include];
            foreach (var path in items.SelectMany(i => Expand(folder, i)))
            {
                references.Add(Path.GetFileNameWithoutExtension(path));
            }
        }

        return references;
    }

    // `../PolicyLang.Runtime*/PolicyLang.Runtime*.csproj`: a wildcard in the folder and the file name, as MSBuild globs it.
    private static IEnumerable<string> Expand(string folder, string include)
    {
        var path = include.Replace('\\', '/');
        var file = Path.GetFileName(path);
        var directory = Path.GetFullPath(Path.Combine(folder, Path.GetDirectoryName(path)!));
        if (!path.Contains('*', StringComparison.Ordinal))
        {
            return [Path.Combine(directory, file)];
        }

        var parent = Path.GetDirectoryName(directory)!;
        return Directory.EnumerateDirectories(parent, Path.GetFileName(directory))
            .SelectMany(d => Directory.EnumerateFiles(d, file));
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"^[\w./-]+\.[a-z]+$")]
    private static partial Regex FileName();

    [GeneratedRegex(@"^@\((\w+)\)$")]
    private static partial Regex ItemList();
}
