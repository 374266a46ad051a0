using PolicyLang.Core.Diagnostics;
using Xunit;

namespace PolicyLang.Core.Tests.Binding;

/// <summary>Every catalogue entry is well formed and its example really produces its code.</summary>
public class CatalogueTests
{
    /// <summary>Every code the checker can report. Emit-stage codes (GOV0500–0599) come from Roslyn builds and are exercised in PolicyLang.Compiler.Tests.</summary>
    public static IEnumerable<DiagnosticDescriptor> AllDescriptors() =>
        DiagnosticCatalog.All.Where(d => string.CompareOrdinal(d.Code, "GOV0500") < 0);

    public static TheoryData<string> Codes()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in AllDescriptors())
        {
            data.Add(descriptor.Code);
        }

        return data;
    }

    [Fact]
    public void Catalogue_is_found_and_codes_are_unique_and_well_formed()
    {
        var all = AllDescriptors().ToList();
        Assert.Contains(all, d => d.Code == "GOV0001");
        Assert.Contains(all, d => d.Code == "GOV0100");
        Assert.Equal(all.Count, all.Select(d => d.Code).Distinct().Count());
        Assert.All(all, d =>
        {
            Assert.Matches("^GOV[0-9]{4}$", d.Code);
            Assert.False(string.IsNullOrWhiteSpace(d.Title));
            Assert.False(string.IsNullOrWhiteSpace(d.Explanation));
            Assert.False(string.IsNullOrWhiteSpace(d.Example));
        });
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Example_produces_its_code(string code)
    {
        var descriptor = AllDescriptors().Single(d => d.Code == code);
        var compilation = BindingAssert.CompileFragment(descriptor.Example);
        Assert.True(
            compilation.Diagnostics.Any(d => d.Code == code),
            $"{code} example did not produce {code}:\n{descriptor.Example}\n---\n{BindingAssert.Describe(compilation.Diagnostics)}");
    }

    [Fact]
    public void Prelude_compiles_without_diagnostics()
    {
        var compilation = BindingAssert.Compile(DiagnosticExamples.Prelude);
        Assert.Empty(compilation.Diagnostics);
    }

    [Fact]
    public void Binding_messages_follow_house_style()
    {
        // Every binding example's diagnostics: one line, no internal type names.
        foreach (var descriptor in AllDescriptors().Where(d => string.CompareOrdinal(d.Code, "GOV0100") >= 0))
        {
            foreach (var diagnostic in BindingAssert.CompileFragment(descriptor.Example).Diagnostics)
            {
                Assert.DoesNotContain('\n', diagnostic.Message);
                Assert.DoesNotMatch("Syntax|Symbol|StoreKind|ColumnTypeFamily", diagnostic.Message);
            }
        }
    }
}
