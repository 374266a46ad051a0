using System.Text.Json;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Controls;
using PolicyLang.Core.Docs;
using PolicyLang.Core.Tests.Support;
using Xunit;

namespace PolicyLang.Core.Tests.Docs;

public class ComplianceDocumentTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    // The baselines come from the real pipeline; the hand-bound model must render identically (see below).
    private static (string Markdown, string Json) RenderLab()
    {
        var compilation = Compile.Lab();
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return Render(compilation.Bound);
    }

    private static (string Markdown, string Json) Render(BoundPolicy policy)
    {
        var (report, _) = CoverageAnalyzer.Analyze(policy, Today);
        return (ComplianceDocument.RenderMarkdown(policy, report), ComplianceDocument.RenderJson(policy, report));
    }

    [Fact]
    public void Hand_bound_model_renders_like_the_binder_output()
    {
        Assert.Equal(RenderLab(), Render(LabModel.Build()));
    }

    [Fact]
    public void Rendering_is_deterministic()
    {
        Assert.Equal(RenderLab(), RenderLab());
    }

    [Fact]
    public void Documents_name_environment_variables_but_never_their_values()
    {
        const string secret = "postgresql://lab:hunter2@db.internal/research";
        Environment.SetEnvironmentVariable("LAB_PG_URL", secret);
        try
        {
            var (markdown, json) = RenderLab();
            foreach (var text in new[] { markdown, json })
            {
                Assert.DoesNotContain(secret, text);
                Assert.DoesNotContain("hunter2", text);
                Assert.DoesNotContain("env(", text);
                Assert.Contains("LAB_PG_URL", text);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("LAB_PG_URL", null);
        }
    }

    [Fact]
    public void Markdown_has_the_seed_documents_sections()
    {
        var markdown = RenderLab().Markdown;
        string[] sections =
        [
            "# Proxmox Astronomy Lab - Database Data Management", "## 1. Dataset Inventory", "## 2. Data Lifecycle and Retention",
            "## 3. Data Quality Rules", "## 4. Data Governance and Access", "## 5. CIS Controls v8 Mapping", "## 6. Audit",
            "## 7. Backup and Recovery", "## 8. Approval Matrix", "## 9. Change Log",
        ];
        var positions = sections.Select(s => markdown.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("Weekly: 4 backups, Monthly: 1 backup", markdown);
        Assert.Contains("S3 Glacier Flexible Retrieval", markdown);
        Assert.Contains("| **CIS.3.4** | Enforce Data Retention | yes | **Compliant** | `lab.gov:55` ", markdown);
        Assert.Contains("Derived from policy", markdown);
        Assert.Contains(CisCatalog.Attribution, markdown);
        // The C# rule's || must not split the table row.
        Assert.Contains("doc.exposure_s < 3600 \\|\\| doc.mode", markdown);
    }

    [Fact]
    public void Json_lists_controls_with_evidence_locations_and_datasets()
    {
        using var json = JsonDocument.Parse(RenderLab().Json);
        var controls = json.RootElement.GetProperty("controls").EnumerateArray().ToList();
        var retention = controls.Single(c => c.GetProperty("id").GetString() == "3.4");
        Assert.Equal("Enforce Data Retention", retention.GetProperty("title").GetString());
        Assert.Equal("compliant", retention.GetProperty("status").GetString());
        Assert.Equal(
            [55, 70, 83, 91],
            retention.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
        Assert.All(retention.GetProperty("evidence").EnumerateArray(), e => Assert.Equal("lab.gov", e.GetProperty("file").GetString()));
        Assert.Equal("partial", controls.Single(c => c.GetProperty("id").GetString() == "3.11").GetProperty("status").GetString());

        var datasets = json.RootElement.GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToList();
        Assert.Equal(["gaia_sources", "photometry", "observation_logs", "raw_frames"], datasets);
    }

    [Fact]
    public void Generated_on_appears_only_when_given()
    {
        var policy = LabModel.Build();
        var (report, _) = CoverageAnalyzer.Analyze(policy, Today);
        var dated = ComplianceDocument.RenderMarkdown(policy, report, new DocumentOptions { GeneratedOn = new DateOnly(2026, 1, 2) });
        Assert.Contains("| **Generated on** | 2026-01-02 |", dated);
        Assert.DoesNotContain("Generated on", RenderLab().Markdown);
    }
}
