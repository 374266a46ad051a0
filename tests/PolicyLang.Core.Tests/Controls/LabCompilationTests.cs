using PolicyLang.Core.Controls;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Tests.Support;
using Xunit;

namespace PolicyLang.Core.Tests.Controls;

/// <summary>lab.gov through the whole pipeline, and edits of it, asserting diagnostics by the text they underline.</summary>
public class LabCompilationTests
{
    private static string Underlined(Diagnostic d) => d.File.GetText(d.Span);

    private static (CoverageReport Report, IReadOnlyList<Diagnostic> Diagnostics) Run(string text)
    {
        var compilation = Compile.Text(text);
        return (CoverageAnalyzer.Analyze(compilation.Bound, Compile.Today).Report, compilation.Diagnostics);
    }

    private static string Lab(string remove, string with = "") =>
        Compile.LabText().Contains(remove, StringComparison.Ordinal)
            ? Compile.LabText().Replace(remove, with, StringComparison.Ordinal)
            : throw new InvalidOperationException($"lab.gov has no `{remove}`");

    [Fact]
    public void Lab_compiles_with_only_the_honest_coverage_warnings()
    {
        var (report, diagnostics) = Run(Compile.LabText());
        // The conflicts lab.gov really has, as written (docs/conflicts.md): observer_email archived forever and granted unmasked,
        // photometry outliving the gaia_sources rows it references, observation_logs kept longer than its only backup.
        Assert.Equal(
            [
                "warning GOV0337 archive to offsite as parquet then", "warning GOV0338 grant read  to researcher, analyst",
                "warning GOV0333 retain 365 days by observed_at then archive to offsite as parquet then delete",
                "warning GOV0336 retain 90 days by observed_at then delete",
                "warning GOV0402 3.3", "warning GOV0402 3.11", "warning GOV0402 6.1",
            ],
            diagnostics.Select(d => $"{d.Severity.ToString().ToLowerInvariant()} {d.Code} {Underlined(d)}"));
        Assert.Equal(
            ["3.1 Compliant", "3.2 Compliant", "3.3 Partial", "3.4 Compliant", "3.11 Partial", "6.1 Partial", "8.2 Compliant", "11.2 Compliant", "11.4 Compliant"],
            report.Safeguards.Where(s => s.Required).Select(s => $"{s.Id} {s.Status}"));
    }

    [Fact]
    public void Retention_evidence_is_the_retain_lines()
    {
        var (report, _) = Run(Compile.LabText());
        Assert.Equal(["lab.gov:55", "lab.gov:70", "lab.gov:83", "lab.gov:91"], report.Find("3.4")!.Evidence.Select(e => e.Location.ToString()));
        Assert.All(report.Find("3.4")!.Evidence, e => Assert.StartsWith("retain", e.Location.File.GetLineText(e.Line).Trim(), StringComparison.Ordinal));
        Assert.Equal("lab.gov:116", report.Find("3.1")!.Evidence.Last().Location.ToString());
    }

    [Fact]
    public void Removing_one_retain_makes_3_4_partial_naming_the_dataset()
    {
        var (report, diagnostics) = Run(Lab("retain 365 days by observed_at then archive to offsite as parquet then delete"));
        Assert.Equal(SafeguardStatus.Partial, report.Find("3.4")!.Status);
        var warning = Assert.Single(diagnostics, d => Underlined(d) == "3.4");
        Assert.Equal(("GOV0402", DiagnosticSeverity.Warning, 115), (warning.Code, warning.Severity, warning.Start.Line));
        Assert.Contains("`photometry`", warning.Message);
    }

    [Fact]
    public void Removing_every_retain_is_an_error_at_3_4_in_the_require_line()
    {
        var text = string.Join('\n', Compile.LabText().Split('\n').Where(l => !l.TrimStart().StartsWith("retain", StringComparison.Ordinal)));
        var (report, diagnostics) = Run(text);
        Assert.Equal(SafeguardStatus.NotCovered, report.Find("3.4")!.Status);
        var error = Assert.Single(diagnostics, d => d.Code == "GOV0401");
        Assert.Equal(("3.4", DiagnosticSeverity.Error), (Underlined(error), error.Severity));
        Assert.StartsWith("  require 3.1", error.File.GetLineText(error.Start.Line), StringComparison.Ordinal);
    }

    [Fact]
    public void Encryption_declared_on_the_mongodb_store_makes_3_11_compliant_with_declared_evidence()
    {
        var (report, diagnostics) = Run(Lab(
            "store telemetry mongodb  { connection env(\"LAB_MONGO_URL\") tls required }",
            "store telemetry mongodb  { connection env(\"LAB_MONGO_URL\") tls required encryption kms \"arn:aws:kms:us-east-1:1:key/lab\" }"));
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error || Underlined(d) == "3.11");
        var safeguard = report.Find("3.11")!;
        Assert.Equal(SafeguardStatus.Compliant, safeguard.Status);
        Assert.Equal(["lab.gov:24", "lab.gov:30"], safeguard.Evidence.Select(e => e.Location.ToString()));
        var evidence = safeguard.Evidence[0];
        Assert.Equal("store offsite: encryption aes256 (holds raw_frames)", safeguard.Evidence[1].Text);
        Assert.Equal("store telemetry: encryption kms \"arn:aws:kms:us-east-1:1:key/lab\", declared (at rest, by the platform) (holds observation_logs)", evidence.Text);
    }

    [Fact]
    public void Require_3_99_is_an_unknown_safeguard_error()
    {
        var (_, diagnostics) = Run(Lab("require 3.1,", "require 3.99, 3.1,"));
        var error = Assert.Single(diagnostics, d => d.Code == "GOV0400");
        Assert.Equal("3.99", Underlined(error));
        Assert.Equal("unknown CIS v8 safeguard `3.99`; did you mean `3.9`?", error.Message);
    }

    [Fact]
    public void Expired_waiver_is_an_error_at_the_waive()
    {
        var (_, diagnostics) = Run(Lab("  evidence 3.1", "  waive 3.11 \"volume encryption pending\" until 2026-01-31\n  evidence 3.1"));
        var error = Assert.Single(diagnostics, d => d.Code == "GOV0403");
        Assert.StartsWith("waive 3.11", Underlined(error), StringComparison.Ordinal);
        Assert.Contains("2026-01-31", error.Message);
    }

    [Fact]
    public void Active_waiver_of_a_partial_safeguard_silences_it()
    {
        var (report, diagnostics) = Run(Lab("  evidence 3.1", "  waive 3.11 \"volume encryption pending\" until 2027-01-31\n  evidence 3.1"));
        Assert.Equal(SafeguardStatus.Waived, report.Find("3.11")!.Status);
        Assert.DoesNotContain(diagnostics, d => Underlined(d) == "3.11");
    }

    [Fact]
    public void Nist_csf_2_0_gets_a_no_mapping_warning()
    {
        var (report, diagnostics) = Run(Lab("nist-800-53r5", "nist-800-53r5, nist-csf-2.0"));
        var warning = Assert.Single(diagnostics, d => d.Code == "GOV0405");
        Assert.Equal("nist-csf-2.0", Underlined(warning));
        Assert.Equal(["nist-csf-2.0"], report.UnmappedFrameworks);
    }

    [Fact]
    public void A_rules_covers_is_recorded()
    {
        var (report, diagnostics) = Run(Lab("expect rows at least 1000", "expect rows at least 1000 covers 3.12"));
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(["gaia_sources.rows_at_least"], report.Find("3.12")!.CoveringRules);
        Assert.Equal("lab.gov:53", report.Find("3.12")!.Evidence.Single().Location.ToString());
    }
}
