using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Tests.Baselines;
using Xunit;

namespace PolicyLang.Core.Tests.Diagnostics;

public sealed class DiagnosticsReferenceTests
{
    [Fact]
    public void Docs_diagnostics_md_is_generated_from_the_catalogue()
    {
        Baseline.Match(RepositoryPaths.InRoot("docs", "diagnostics.md"), DiagnosticCatalog.RenderMarkdown());
    }

    [Fact]
    public void Codes_are_unique_and_well_formed()
    {
        var codes = DiagnosticCatalog.All.Select(d => d.Code).ToArray();
        Assert.Equal(codes.Length, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^GOV[0-9]{4}$", c));
        Assert.All(DiagnosticCatalog.All, d => Assert.False(string.IsNullOrWhiteSpace(d.Example), $"{d.Code} has no example"));
    }
}
