using PolicyLang.Core.Compilation;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Services;
using PolicyLang.Core.Text;
using Xunit;

namespace PolicyLang.Core.Tests.Services;

/// <summary>Definition, references and rename across the files of a policy.</summary>
public partial class NavigationServiceTests
{
    private static readonly string MultiFile = Samples.Folder("multi-file");

    private static PolicyCompilation MultiFileCompilation() =>
        PolicyCompilation.Create(
            [.. Directory.GetFiles(MultiFile, "*.gov", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(f => new SourceFile(Path.GetRelativePath(MultiFile, f).Replace('\\', '/'), File.ReadAllText(f)))],
            Support.Compile.Today);

    private static int OffsetOf(PolicyCompilation compilation, string path, string find, int delta = 0) =>
        compilation.Syntax.Single(s => s.Syntax.File.Path == path).Syntax.File.Text.IndexOf(find, StringComparison.Ordinal) + delta;

    private static string TextAt(PolicyCompilation compilation, DocumentSpan span) =>
        compilation.Syntax.Single(s => s.Syntax.File.Path == span.Path).Syntax.File.GetText(span.Span);

    [Fact]
    public void Definition_of_a_dataset_in_another_file()
    {
        var compilation = MultiFileCompilation();
        var at = OffsetOf(compilation, "datasets/orders.gov", "references customers", "references ".Length + 2);
        var definition = Assert.Single(NavigationService.GetDefinition(compilation, "datasets/orders.gov", at));
        Assert.Equal("datasets/customers.gov", definition.Path);
        Assert.Equal("customers", TextAt(compilation, definition));
    }

    [Fact]
    public void Definition_of_a_column_named_in_a_reference_to_another_file()
    {
        var compilation = MultiFileCompilation();
        var at = OffsetOf(compilation, "datasets/orders.gov", "customers.customer_id", "customers.".Length + 1);
        var definition = Assert.Single(NavigationService.GetDefinition(compilation, "datasets/orders.gov", at));
        Assert.Equal("datasets/customers.gov", definition.Path);
        Assert.Equal("customer_id", TextAt(compilation, definition));
    }

    [Fact]
    public void References_of_a_role_span_files()
    {
        var compilation = MultiFileCompilation();
        var at = OffsetOf(compilation, "policy.gov", "role finance", "role ".Length);
        var references = NavigationService.FindReferences(compilation, "policy.gov", at, includeDeclaration: true);
        Assert.Contains(references, r => r.Path == "policy.gov");
        Assert.Contains(references, r => r.Path == "datasets/orders.gov");
        Assert.All(references, r => Assert.Equal("finance", TextAt(compilation, r)));
        Assert.Equal(references.Count - 1, NavigationService.FindReferences(compilation, "policy.gov", at, includeDeclaration: false).Count);
    }

    [Fact]
    public void Store_references_include_datasets_archives_audit_and_backups()
    {
        var cursor = Cursor.InLab("store offsite", "store ".Length);
        var references = NavigationService.FindReferences(cursor.Compilation, cursor.Path, cursor.Offset, includeDeclaration: false);
        var lines = references.Select(r => cursor.Compilation.Syntax[0].Syntax.File.GetLineText(cursor.Compilation.Syntax[0].Syntax.File.GetPosition(r.Span.Start).Line).Trim()).ToList();
        Assert.Contains(lines, l => l.StartsWith("dataset raw_frames in offsite", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("archive to offsite", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("offsite      offsite", StringComparison.Ordinal));
    }

    [Fact]
    public void Columns_in_csharp_rules_are_references()
    {
        var cursor = Cursor.InLab("expect exposure_s > 0", "expect ".Length);
        var references = NavigationService.FindReferences(cursor.Compilation, cursor.Path, cursor.Offset, includeDeclaration: true);
        Assert.Equal(2, references.Count);
    }

    [Fact]
    public void Test_rows_name_rules_by_their_default_names()
    {
        var cursor = Cursor.AfterLab("test gaia_sources { row { ra: 400 } fails ra_betw$$een }");
        var definition = Assert.Single(NavigationService.GetDefinition(cursor.Compilation, cursor.Path, cursor.Offset));
        Assert.Equal("between", TextAt(cursor.Compilation, definition));
    }

    [Fact]
    public void Prepare_rename_gives_the_name_or_a_reason()
    {
        var cursor = Cursor.InLab("role analyst", "role ana".Length);
        var prepared = NavigationService.PrepareRename(cursor.Compilation, cursor.Path, cursor.Offset);
        Assert.Equal("analyst", prepared.Placeholder);
        var nothing = Cursor.InLab("tamper-evident");
        Assert.NotNull(NavigationService.PrepareRename(nothing.Compilation, nothing.Path, nothing.Offset).Error);
    }

    [Theory]
    [InlineData("a-b", "not a valid name")]
    [InlineData("9x", "not a valid name")]
    [InlineData("dataset", "keyword")]
    [InlineData("researcher", "already exists")]
    public void Rename_refuses_invalid_names_keywords_and_taken_names(string newName, string reason)
    {
        var cursor = Cursor.InLab("role analyst", "role ".Length);
        var result = NavigationService.Rename(cursor.Compilation, cursor.Path, cursor.Offset, newName);
        Assert.Empty(result.Edits);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Renaming_a_default_named_rule_names_it_with_as_and_follows_tests()
    {
        var cursor = Cursor.AfterLab("test gaia_sources { row { ra: 400 } fails ra_betw$$een }");
        var result = NavigationService.Rename(cursor.Compilation, cursor.Path, cursor.Offset, "ra_in_range");
        Assert.Null(result.Error);
        var renamed = TextEdits.Apply(cursor.Compilation.Syntax[0].Syntax.File.Text, result.Edits);
        Assert.Contains("expect ra between 0 and 360 as ra_in_range", renamed, StringComparison.Ordinal);
        Assert.Contains("fails ra_in_range }", renamed, StringComparison.Ordinal);
    }

    [Fact]
    public void Renaming_a_column_renames_default_rule_names_in_tests()
    {
        var cursor = Cursor.AfterLab("test gaia_sources { row { ra: 400 } fails ra_between }\n// $$");
        var at = cursor.Compilation.Syntax[0].Syntax.File.Text.IndexOf("column ra ", StringComparison.Ordinal) + "column ".Length;
        var result = NavigationService.Rename(cursor.Compilation, cursor.Path, at, "right_ascension");
        Assert.Null(result.Error);
        var renamed = TextEdits.Apply(cursor.Compilation.Syntax[0].Syntax.File.Text, result.Edits);
        Assert.Contains("row { right_ascension: 400 } fails right_ascension_between", renamed, StringComparison.Ordinal);
    }

    /// <summary>Every symbol of every sample renamed: the renamed policy reports the same diagnostics, modulo the name.</summary>
    [Fact]
    public void Renaming_any_symbol_of_the_samples_keeps_the_diagnostics()
    {
        var policies = Samples.SingleFile
            .Select(name => PolicyCompilation.Create([new SourceFile("main.gov", File.ReadAllText(Samples.MainPath(name)))], Support.Compile.Today))
            .Append(MultiFileCompilation());
        var renames = 0;
        foreach (var compilation in policies)
        {
            var declared = compilation.Syntax.SelectMany(s => s.Syntax.Declarations).Any()
                ? NavigationIndexProbe.Symbols(compilation)
                : [];
            foreach (var (path, offset, symbol) in declared)
            {
                var newName = $"{symbol.Name}_renamed";
                var result = NavigationService.Rename(compilation, path, offset, newName);
                if (result.Error is { } error)
                {
                    Assert.True(error.Contains("CIS 3.11", StringComparison.Ordinal), error);
                    continue;
                }

                var after = CodeActionsServiceTests.Apply(compilation, result.Edits);
                Assert.Equal(Keys(compilation.Diagnostics, null, null), Keys(after.Diagnostics, newName, symbol.Name));
                renames++;
            }
        }

        Assert.True(renames > 50, $"only {renames} renames");
    }

    private static List<string> Keys(IEnumerable<Diagnostic> diagnostics, string? from, string? to) =>
        [.. diagnostics.Select(d => NavigationRename.Key(d, from, to))];
}

/// <summary>One position per declared symbol of a compilation (its first occurrence), to drive renames.</summary>
internal static class NavigationIndexProbe
{
    public static IEnumerable<(string Path, int Offset, PolicyName Symbol)> Symbols(PolicyCompilation compilation)
    {
        var seen = new HashSet<PolicyName>();
        foreach (var file in compilation.Syntax.Select(s => s.Syntax.File))
        {
            for (var offset = 0; offset < file.Text.Length; offset++)
            {
                if (NavigationService.FindSymbol(compilation, file.Path, offset) is { } occurrence && seen.Add(occurrence.Symbol))
                {
                    yield return (file.Path, offset, occurrence.Symbol);
                }
            }
        }
    }
}
