using PolicyLang.Core.Controls;
using Xunit;

namespace PolicyLang.Core.Tests.Controls;

public class CisCatalogTests
{
    private readonly CisCatalog catalog = CisCatalog.Default;

    [Fact]
    public void Loads_every_safeguard_and_control()
    {
        Assert.Equal(153, catalog.Safeguards.Count);
        Assert.Equal(18, catalog.Controls.Count);
        Assert.Equal(153, catalog.Safeguards.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public void Implementation_group_totals_match_what_CIS_publishes()
    {
        Assert.Equal(56, catalog.Safeguards.Count(s => s.Ig1));
        Assert.Equal(130, catalog.Safeguards.Count(s => s.Ig2));
        Assert.Equal(153, catalog.Safeguards.Count(s => s.Ig3));
    }

    [Fact]
    public void Quoted_titles_keep_their_commas()
    {
        Assert.Equal("Centralize Network Authentication, Authorization, and Auditing (AAA)", catalog.Find("12.5")!.Title);
        Assert.Equal("Network", catalog.Find("12.5")!.AssetType);
    }

    [Fact]
    public void Safeguard_fields_load()
    {
        var s = catalog.Find("3.4")!;
        Assert.Equal(("Enforce Data Retention", 3, "Data", "Protect", true), (s.Title, s.Control, s.AssetType, s.SecurityFunction, s.Ig1));
        Assert.Equal("Data Protection", catalog.FindControl(3)!.Title);
        Assert.Null(catalog.Find("3.99"));
    }

    [Fact]
    public void Mappings_load_for_the_three_frameworks_CIS_publishes()
    {
        Assert.Equal(676, catalog.Mappings.Count);
        Assert.Equal(
            ["ISO/IEC 27001:2022 Annex A", "NIST CSF 1.1", "NIST SP 800-53 Rev 5"],
            catalog.Mappings.Select(m => m.Framework).Distinct().Order(StringComparer.Ordinal));
        Assert.All(catalog.Mappings, m => Assert.True(catalog.Contains(m.SafeguardId), m.SafeguardId));
        Assert.NotEmpty(catalog.MappingsFor("3.11", "NIST SP 800-53 Rev 5"));
    }

    [Fact]
    public void Ids_order_numerically()
    {
        var ids = new[] { "10.1", "3.10", "3.9", "3.1" }.Order(Comparer<string>.Create(CisCatalog.CompareIds));
        Assert.Equal(["3.1", "3.9", "3.10", "10.1"], ids);
    }

    [Fact]
    public void Attribution_names_the_licence_and_CIS()
    {
        Assert.Contains("CC BY-NC-ND 4.0", CisCatalog.Attribution);
        Assert.Contains("Center for Internet Security", CisCatalog.Attribution);
    }

    [Fact]
    public void Builtin_coverage_has_the_rows_of_the_language_table()
    {
        // LANGUAGE.md "Built-in coverage": 12 rows, the last (a rule's covers) handled per rule by the analyzer.
        Assert.Equal(11, CoverageRules.All.Count);
        Assert.Equal(
            ["3.1", "3.2", "3.3", "3.4", "3.5", "3.7", "3.8", "3.10", "3.11", "3.14", "6.1", "8.2", "8.3", "11.1", "11.2", "11.3", "11.4", "11.5"],
            CoverageRules.SafeguardIds.Order(Comparer<string>.Create(CisCatalog.CompareIds)));
    }

    [Fact]
    public void Every_builtin_coverage_entry_names_a_real_safeguard()
    {
        Assert.All(CoverageRules.SafeguardIds, id => Assert.True(catalog.Contains(id), id));
    }
}
