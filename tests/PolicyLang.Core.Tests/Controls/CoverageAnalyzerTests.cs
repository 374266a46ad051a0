using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Controls;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Tests.Support;
using Xunit;

namespace PolicyLang.Core.Tests.Controls;

/// <summary>Coverage of lab.gov, from the hand-bound model (<see cref="LabModel"/>).</summary>
public class CoverageAnalyzerTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static (CoverageReport Report, IReadOnlyList<Diagnostic> Diagnostics) Analyze(BoundPolicy policy) => CoverageAnalyzer.Analyze(policy, Today);

    private static BoundPolicy WithDatasets(BoundPolicy p, Func<DatasetSymbol, DatasetSymbol> change) => p with { Datasets = p.Datasets.Select(change).ToList() };

    private static string Underlined(Diagnostic d) => d.File.GetText(d.Span);

    [Theory]
    [InlineData("3.1", SafeguardStatus.Compliant)]
    [InlineData("3.2", SafeguardStatus.Compliant)]
    [InlineData("3.3", SafeguardStatus.Partial)]   // raw_frames has no grant
    [InlineData("3.4", SafeguardStatus.Compliant)]
    [InlineData("3.11", SafeguardStatus.Partial)]  // telemetry holds confidential data and declares no encryption
    [InlineData("6.1", SafeguardStatus.Partial)]
    [InlineData("8.2", SafeguardStatus.Compliant)]
    [InlineData("11.2", SafeguardStatus.Compliant)]
    [InlineData("11.4", SafeguardStatus.Compliant)]
    [InlineData("3.5", SafeguardStatus.Compliant)]
    [InlineData("3.7", SafeguardStatus.Compliant)]
    [InlineData("3.8", SafeguardStatus.Compliant)]
    [InlineData("3.10", SafeguardStatus.Compliant)]
    [InlineData("3.14", SafeguardStatus.Compliant)]
    [InlineData("8.3", SafeguardStatus.Compliant)]
    [InlineData("11.1", SafeguardStatus.Compliant)]
    [InlineData("11.3", SafeguardStatus.Compliant)]
    [InlineData("11.5", SafeguardStatus.Compliant)]
    public void Lab_safeguard_status_is_derived(string id, SafeguardStatus expected)
    {
        var (report, _) = Analyze(LabModel.Build());
        Assert.Equal(expected, report.Find(id)!.Status);
    }

    [Fact]
    public void Lab_reports_only_the_honest_gaps()
    {
        var (report, diagnostics) = Analyze(LabModel.Build());
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal(["GOV0402", "GOV0402", "GOV0402"], diagnostics.Select(d => d.Code));
        Assert.Contains(diagnostics, d => Underlined(d) == "3.3" && d.Message.Contains("`raw_frames`"));
        Assert.Contains(diagnostics, d => Underlined(d) == "3.11" && d.Message.Contains("telemetry") && d.Message.Contains("observation_logs"));
        Assert.Equal(["3.3", "3.11"], report.Safeguards.Where(s => s.Required && s.Status != SafeguardStatus.Compliant && s.Id != "6.1").Select(s => s.Id));
    }

    [Fact]
    public void Evidence_points_at_the_retain_lines()
    {
        var (report, _) = Analyze(LabModel.Build());
        var lines = report.Find("3.4")!.Evidence.Select(e => e.Location.ToString()).ToList();
        Assert.Equal(["lab.gov:55", "lab.gov:70", "lab.gov:83", "lab.gov:91"], lines);
        Assert.Contains(report.Find("3.1")!.Evidence, e => e.Line == 116 && e.Text.StartsWith("Data discovery", StringComparison.Ordinal));
        Assert.Contains(report.Find("3.1")!.Evidence, e => e.Line == 5);
        Assert.Equal(["lab.gov:104"], report.Find("11.2")!.Evidence.Select(e => e.Location.ToString()));
    }

    [Fact]
    public void Cross_references_come_from_CIS_mappings_for_named_frameworks_only()
    {
        var (report, _) = Analyze(LabModel.Build());
        var refs = report.Find("3.11")!.CrossReferences;
        Assert.Contains(refs, r => r.FrameworkId == "nist-800-53r5" && r.TargetId == "SC-28");
        Assert.Contains(refs, r => r.FrameworkId == "nist-csf-1.1" && r.TargetId == "PR.DS-1");
        Assert.DoesNotContain(refs, r => r.FrameworkId == "iso-27001-2022");
        Assert.Equal(["nist-csf-1.1", "nist-800-53r5"], report.MappedFrameworks);
    }

    [Fact]
    public void One_dataset_without_retain_makes_3_4_partial_naming_it()
    {
        var policy = WithDatasets(LabModel.Build(), d => d.Name == "photometry" ? d with { Retention = null } : d);
        var (report, diagnostics) = Analyze(policy);
        Assert.Equal(SafeguardStatus.Partial, report.Find("3.4")!.Status);
        Assert.Equal(["photometry"], report.Find("3.4")!.Lacking);
        var warning = Assert.Single(diagnostics, d => Underlined(d) == "3.4");
        Assert.Equal("GOV0402", warning.Code);
        Assert.Contains("`photometry`", warning.Message);
        Assert.Equal(115, warning.Start.Line);
    }

    [Fact]
    public void No_retain_anywhere_is_an_error_at_the_require_id()
    {
        var policy = WithDatasets(LabModel.Build(), d => d with { Retention = null });
        var (report, diagnostics) = Analyze(policy);
        Assert.Equal(SafeguardStatus.NotCovered, report.Find("3.4")!.Status);
        var error = Assert.Single(diagnostics, d => d.Code == "GOV0401");
        Assert.Equal("3.4", Underlined(error));
        Assert.Equal(115, error.Start.Line);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("`3.4`", error.Message);
    }

    [Fact]
    public void Unknown_safeguard_is_an_error_with_a_hint()
    {
        var lab = LabModel.Build();
        var at = lab.Controls!.Required[0].Location;
        var policy = lab with { Controls = lab.Controls with { Required = [.. lab.Controls.Required, new SafeguardReference("3.99", at)] } };
        var (report, diagnostics) = Analyze(policy);
        var error = Assert.Single(diagnostics, d => d.Code == "GOV0400");
        Assert.StartsWith("unknown CIS v8 safeguard `3.99`; did you mean `3.", error.Message, StringComparison.Ordinal);
        Assert.Null(report.Find("3.99"));
    }

    [Fact]
    public void Waivers_expired_active_and_pointless()
    {
        var lab = LabModel.Build();
        var at = lab.Controls!.Location;
        WaiverSymbol Waive(string id, int year) => new(id, "moving to encrypted volumes", new DateOnly(year, 1, 1), at);
        var policy = lab with { Controls = lab.Controls with { Waivers = [Waive("3.11", 2020), Waive("3.3", 2027), Waive("3.4", 2027)] } };
        var (report, diagnostics) = Analyze(policy);

        Assert.Contains(diagnostics, d => d.Code == "GOV0403" && d.Severity == DiagnosticSeverity.Error && d.Message.Contains("`3.11`") && d.Message.Contains("2020-01-01"));
        Assert.Equal(SafeguardStatus.Partial, report.Find("3.11")!.Status);
        Assert.Equal(SafeguardStatus.Waived, report.Find("3.3")!.Status);
        Assert.DoesNotContain(diagnostics, d => d.Code == "GOV0402" && Underlined(d) == "3.3");
        Assert.Contains(diagnostics, d => d.Code == "GOV0404" && d.Message.Contains("`3.4`"));
        Assert.Equal(SafeguardStatus.Compliant, report.Find("3.4")!.Status);
    }

    [Fact]
    public void Framework_without_mapping_data_warns_and_adds_no_rows()
    {
        var lab = LabModel.Build();
        var at = lab.Header!.Frameworks[0].Location;
        var policy = lab with { Header = lab.Header with { Frameworks = [.. lab.Header.Frameworks, new("nist-csf-2.0", at)] } };
        var (report, diagnostics) = Analyze(policy);
        var warning = Assert.Single(diagnostics, d => d.Code == "GOV0405");
        Assert.Contains("`nist-csf-2.0`", warning.Message);
        Assert.Equal(["nist-csf-2.0"], report.UnmappedFrameworks);
        Assert.DoesNotContain(report.Safeguards.SelectMany(s => s.CrossReferences), r => r.FrameworkId == "nist-csf-2.0");
    }

    [Fact]
    public void Evidence_for_an_unclaimed_safeguard_warns()
    {
        var lab = LabModel.Build();
        var policy = lab with { Controls = lab.Controls! with { Evidence = [.. lab.Controls.Evidence, new EvidenceSymbol("4.1", "Hardened images", lab.Controls.Location)] } };
        var (report, diagnostics) = Analyze(policy);
        Assert.Single(diagnostics, d => d.Code == "GOV0406" && d.Message.Contains("`4.1`"));
        Assert.Equal(SafeguardStatus.Partial, report.Find("4.1")!.Status);
    }

    [Fact]
    public void A_rules_covers_makes_its_safeguard_compliant_and_records_the_rule()
    {
        var lab = LabModel.Build();
        var policy = WithDatasets(lab, d => d.Name != "gaia_sources" ? d : d with
        {
            Rules = d.Rules.Select(r => r.Name == "ra_between" ? r with { Covers = [new("4.1", r.Location), new("99.1", r.Location)] } : r).ToList(),
        });
        var (report, diagnostics) = Analyze(policy);
        var s = report.Find("4.1")!;
        Assert.Equal(SafeguardStatus.Compliant, s.Status);
        Assert.Equal(["gaia_sources.ra_between"], s.CoveringRules);
        Assert.Equal("lab.gov:48", Assert.Single(s.Evidence).Location.ToString());
        Assert.Single(diagnostics, d => d.Code == "GOV0400" && d.Message.Contains("`99.1`"));

        var afterRun = report.WithFailedRules(["gaia_sources.ra_between"]);
        Assert.Equal(SafeguardStatus.Partial, afterRun.Find("4.1")!.Status);
        Assert.Equal(["gaia_sources.ra_between"], afterRun.Find("4.1")!.FailingRules);
    }

    [Fact]
    public void Empty_policy_has_an_empty_report()
    {
        var (report, diagnostics) = Analyze(new BoundPolicy(null, [], [], [], [], null, [], null, [], [], []));
        Assert.Empty(report.Safeguards);
        Assert.Empty(diagnostics);
    }
}
