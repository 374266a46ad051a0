using Microsoft.CodeAnalysis;
using PolicyLang.Build.Tests.Infrastructure;

namespace PolicyLang.Build.Tests.Generator;

/// <summary>
/// Generator/Policies/awkward-names.gov: datasets and rules whose names are C# keywords, equal after PascalCasing or
/// equal to generated members, and a title and table with XML's special characters. The generated API must compile
/// with XML doc comments checked, nullable enabled and no warning at all (a consumer with TreatWarningsAsErrors).
/// </summary>
public sealed class GeneratedNamesTests
{
    private const string Consumer = """
        namespace Contoso.Governance.App;

        internal static class Calls
        {
            internal static System.Threading.Tasks.Task<PolicyLang.Runtime.Reporting.RunReport> CheckClass() =>
                global::Contoso.Governance.AwkwardNamesPolicy.Datasets.Class.CheckAsync();
        }
        """;

    [Fact]
    public void Names_that_meet_in_csharp_get_distinct_documented_members_and_compile_without_warnings()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "PolicyLang.Build.Tests", "Generator", "Policies", "awkward-names.gov"));
        GeneratorHarness.Driver([("/policies/awkward-names.gov", text)])
            .RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation(Consumer), out var output, out var generatorDiagnostics);

        var problems = generatorDiagnostics.Concat(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)).Select(d => d.ToString()).ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));

        // In declaration order, a name already taken (or a generated member's) gets a trailing '_'.
        Assert.Equal(
            [("Class", "class"), ("MyData", "my_data"), ("MyData_", "myData"), ("Datasets_", "datasets"), ("Name_", "name")],
            Members(output, "Datasets", "Name"));
        Assert.Equal(
            [("IdUnique", "id_unique"), ("IdUnique_", "idUnique"), ("Name_", "name"), ("Rules_", "rules")],
            Members(output, "Datasets+Class+Rules", null));
    }

    // (C# name, value) of each constant: a nested class's `Name` constant, or the constants of the class itself.
    private static IEnumerable<(string, string)> Members(Compilation output, string nestedPath, string? constant)
    {
        var type = output.GetTypeByMetadataName("Contoso.Governance.AwkwardNamesPolicy+" + nestedPath)!;
        return constant is null
            ? type.GetMembers().OfType<IFieldSymbol>().Select(f => (f.Name, (string)f.ConstantValue!))
            : type.GetTypeMembers().Select(t => (t.Name, (string)t.GetMembers(constant).OfType<IFieldSymbol>().Single().ConstantValue!));
    }
}
