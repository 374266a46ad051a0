using Xunit;

namespace PolicyLang.Core.Tests.Binding;

/// <summary>A declaration with a syntax error is reported once: names it declares are not reported again where they are used.</summary>
public sealed class RecoveryTests
{
    [Theory]
    [InlineData("store lake duckdb { fille \"x.duckdb\" }\ndataset d in lake table \"t\" { owner \"o\" classification public }", "fille")]
    [InlineData("role auditor \"Auditors\" oops\ndataset d in research table \"t\" { owner \"o\" classification public grant read to auditor }", "oops")]
    [InlineData("dataset src in research table \"s\" { expect id betwen 1 and 2 }\ndataset d in research table \"t\" { owner \"o\" classification public expect id references src.id }\ntest src { row { id: 1 } passes }", "betwen")]
    public void A_broken_declaration_yields_only_its_syntax_error(string fragment, string underlined)
    {
        var compilation = BindingAssert.CompileFragment(fragment);
        var errors = compilation.Diagnostics.Where(d => d.Severity == Core.Diagnostics.DiagnosticSeverity.Error).ToList();
        var error = Assert.Single(errors);
        Assert.Equal("GOV0001", error.Code);
        Assert.Equal(underlined, error.File.GetText(error.Span));
    }

    [Fact]
    public void A_broken_policy_or_classification_is_not_also_reported_missing()
    {
        var compilation = BindingAssert.Compile("policy \"p\" { versoin \"1\" }\nclassification public <\nrole r \"R\"");
        Assert.DoesNotContain(compilation.Diagnostics, d => d.Code is "GOV0100" or "GOV0102");
        Assert.Equal(2, compilation.Diagnostics.Count(d => d.Code == "GOV0001"));
    }
}
