using Xunit;

namespace PolicyLang.Editor.Tests;

/// <summary>The annotated samples of tests/grammar, one per area of the language reference, checked by vscode-tmgrammar-test.</summary>
public sealed class GrammarSampleTests
{
    private static string SampleFolder => EditorTools.InRoot("tests", "grammar");

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SampleFolder, "*.gov").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_scopes_match_their_annotations(string sample)
    {
        var result = TmGrammarTest(Path.Combine(SampleFolder, sample));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("run successfuly", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_annotation_fails_and_names_the_missing_scope()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("gov-grammar-").FullName, "wrong.gov");
        File.WriteAllText(file, "// SYNTAX TEST \"source.gov\" \"a policy keyword is not a string\"\npolicy \"x\" {}\n// <------ string.quoted.double.gov\n");
        try
        {
            var result = TmGrammarTest(file);
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("missing required scopes: string.quoted.double.gov", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("keyword.declaration.gov", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public void Every_sample_area_is_covered()
    {
        var samples = Directory.GetFiles(SampleFolder, "*.gov").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        string[] areas = ["lexical", "policy", "stores", "datasets", "rules", "lifecycle", "operations", "controls", "tests", "csharp", "unterminated"];
        var missing = areas.Where(a => !samples.Contains(a)).ToArray();
        Assert.Empty(missing);
    }

    // Run from the repository root: in editors/vscode the tool would read the extension's package.json instead.
    private static ProcessResult TmGrammarTest(string file) =>
        EditorTools.Node(EditorTools.Root, EditorTools.Bin(Path.Combine("vscode-tmgrammar-test", "dist", "unit.js")), "-g", EditorTools.Grammar, "-g", EditorTools.CSharpGrammar, file);
}
