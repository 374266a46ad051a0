using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Controls;
using PolicyLang.Core.Docs;
using PolicyLang.Core.Tests.Support;
using Xunit;

namespace PolicyLang.Core.Tests.Claims;

/// <summary>
/// The store capabilities table: complete, in the docs, and used by coverage — for each store kind, a policy whose only evidence for
/// a safeguard is a capability that store lacks is Partial with the reason (in the report, the document and GOV0407).
/// </summary>
public sealed class StoreCapabilityTests
{
    private const string Start = "<!-- generated from StoreCapabilities.RenderMarkdown(); StoreCapabilityTests keeps it equal -->\n";
    private const string End = "<!-- end of the store capabilities table -->";

    private const string Header = """
        policy "Caps" { version "1" owner "o" review every 90 days }
        classification public < confidential
        role reader "Readers"
        approval "r" role "Security" on 2026-11-01 approved

        """;

    [Fact]
    public void Every_store_kind_has_every_capability_once()
    {
        foreach (var kind in Enum.GetValues<StoreKind>())
        {
            foreach (var capability in Enum.GetValues<StoreCapability>())
            {
                Assert.Single(StoreCapabilities.All, e => e.Kind == kind && e.Capability == capability);
            }
        }

        Assert.Equal(Enum.GetValues<StoreKind>().Length * Enum.GetValues<StoreCapability>().Length, StoreCapabilities.All.Count);
        Assert.All(CapabilityEffect.All.SelectMany(e => e.Safeguards), id => Assert.Contains(id, CoverageRules.SafeguardIds));
    }

    [Fact]
    public void Docs_controls_and_docs_md_holds_the_capability_table_generated_from_the_data()
    {
        var path = RepositoryPaths.InRoot("docs", "controls-and-docs.md");
        var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = text.IndexOf(Start, StringComparison.Ordinal) + Start.Length;
        var end = text.IndexOf(End, start, StringComparison.Ordinal);
        Assert.True(start >= Start.Length && end >= start, "docs/controls-and-docs.md lost the capability table's markers");
        var expected = StoreCapabilities.RenderMarkdown();
        if (Baseline.Rebaselining)
        {
            File.WriteAllText(path, text[..start] + expected + text[end..]);
            return;
        }

        Assert.Equal(expected, text[start..end]);
        Assert.All(StoreCapabilities.All, e => Assert.Contains(e.Text, expected, StringComparison.Ordinal));
    }

    // Per store kind: a policy whose only evidence is a capability that kind lacks.
    public static TheoryData<string, string, string, string> LackingCapability() => new()
    {
        {
            "duckdb grants",
            "store db duckdb { file \"a.duckdb\" }\ndataset d in db table \"d\" { grant read to reader }\ncontrols cis-v8 { require 3.3 }",
            "3.3", "duckdb has no users or grants"
        },
        {
            "mongodb grants",
            "store db mongodb { connection env(\"M\") }\ndataset d in db collection \"d\" { grant read to reader }\ncontrols cis-v8 { require 3.3 }",
            "3.3", "mongodb grants are not applied"
        },
        {
            "s3 grants",
            "store b s3 { bucket \"b\" }\ndataset d in b prefix \"p/\" { grant read to reader }\ncontrols cis-v8 { require 6.1 }",
            "6.1", "s3 grants are not applied"
        },
        {
            "folder offsite",
            "store db postgres { connection env(\"PG\") }\nstore copies folder { path \"copies\" }\nbackup nightly { covers db every day keep 7 offsite copies }\ncontrols cis-v8 { require 11.4 }",
            "11.4", "a folder is on the machine that runs the policy"
        },
        {
            "duckdb offsite",
            "store db postgres { connection env(\"PG\") }\nstore copy duckdb { file \"copy.duckdb\" }\nbackup nightly { covers db every day keep 7 offsite copy }\ncontrols cis-v8 { require 11.4 }",
            "11.4", "a duckdb file is on the machine that runs the policy"
        },
        {
            "postgres offsite with the same connection",
            "store db postgres { connection env(\"PG\") }\nstore replica postgres { connection env(\"PG\") }\nbackup nightly { covers db every day keep 7 offsite replica }\ncontrols cis-v8 { require 11.4 }",
            "11.4", "has the same connection as `db`"
        },
        {
            "mongodb offsite in itself",
            "store db mongodb { connection env(\"M\") }\nbackup nightly { covers db every day keep 7 offsite db }\ncontrols cis-v8 { require 11.4 }",
            "11.4", "has the same connection as `db`"
        },
        {
            "s3 audit",
            "store b s3 { bucket \"b\" }\naudit { store b table \"audit\" }\ncontrols cis-v8 { require 8.2 }",
            "8.2", "an s3 store cannot hold the audit trail"
        },
    };

    [Theory]
    [MemberData(nameof(LackingCapability))]
    public void Evidence_relying_on_a_lacking_capability_is_partial_with_the_reason(string name, string policy, string id, string reason)
    {
        var compilation = Compile.Text(Header + policy, "caps.gov");
        Assert.False(compilation.HasErrors, $"{name}: {string.Join("; ", compilation.Diagnostics)}");
        var safeguard = compilation.Coverage.Find(id)!;
        Assert.Equal(SafeguardStatus.Partial, safeguard.Status);
        Assert.Contains(safeguard.Lacking, l => l.Contains(reason, StringComparison.Ordinal));
        Assert.NotEmpty(safeguard.Gaps);

        var warning = Assert.Single(compilation.Diagnostics, d => d.Code == "GOV0407");
        Assert.Contains(reason, warning.Message, StringComparison.Ordinal);
        Assert.Contains($"`{id}`", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(compilation.Diagnostics, d => d.Code == "GOV0402");

        var markdown = ComplianceDocument.RenderMarkdown(compilation.Bound, compilation.Coverage);
        var row = markdown.Split('\n').Single(l => l.StartsWith($"| **CIS.{id}**", StringComparison.Ordinal));
        Assert.Contains("**Partial**", row, StringComparison.Ordinal);
        Assert.Contains(reason, row, StringComparison.Ordinal);
        Assert.Contains(reason, ComplianceDocument.RenderJson(compilation.Bound, compilation.Coverage), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> HavingCapability() => new()
    {
        { "postgres grants", "store db postgres { connection env(\"PG\") }\ndataset d in db table \"d\" { grant read to reader }\ncontrols cis-v8 { require 3.3 }" },
        { "s3 offsite", "store db postgres { connection env(\"PG\") }\nstore b s3 { bucket \"b\" }\nbackup nightly { covers db every day keep 7 offsite b }\ncontrols cis-v8 { require 11.4 }" },
        { "postgres offsite elsewhere", "store db postgres { connection env(\"PG\") }\nstore replica postgres { connection env(\"PG_REPLICA\") }\nbackup nightly { covers db every day keep 7 offsite replica }\ncontrols cis-v8 { require 11.4 }" },
        { "folder audit", "store f folder { path \"audit\" }\naudit { store f }\ncontrols cis-v8 { require 8.2 }" },
    };

    [Theory]
    [MemberData(nameof(HavingCapability))]
    public void Evidence_in_a_store_with_the_capability_is_compliant(string name, string policy)
    {
        var compilation = Compile.Text(Header + policy, "caps.gov");
        Assert.False(compilation.HasErrors, $"{name}: {string.Join("; ", compilation.Diagnostics)}");
        Assert.All(compilation.Coverage.Safeguards.Where(s => s.Required), s => Assert.Equal(SafeguardStatus.Compliant, s.Status));
        Assert.DoesNotContain(compilation.Diagnostics, d => d.Code is "GOV0407" or "GOV0402");
    }

    [Fact]
    public void An_unrequired_safeguard_is_partial_with_the_reason_without_a_warning()
    {
        var compilation = Compile.Text(Header + "store db duckdb { file \"a.duckdb\" }\ndataset d in db table \"d\" { grant read to reader }", "caps.gov");
        var safeguard = compilation.Coverage.Find("3.3")!;
        Assert.Equal(SafeguardStatus.Partial, safeguard.Status);
        Assert.Contains(safeguard.Lacking, l => l.Contains("duckdb has no users or grants", StringComparison.Ordinal));
        Assert.DoesNotContain(compilation.Diagnostics, d => d.Code == "GOV0407");
    }

    [Fact]
    public void The_document_describes_each_store_by_its_capabilities_only()
    {
        var compilation = Compile.Text(Header + """
            store db duckdb { file "a.duckdb" }
            store pg postgres { connection env("PG") }
            dataset d in db table "d" { mask email with sha256 grant read to reader retain 30 days by ts then delete }
            dataset e in pg table "e" { grant read to reader }
            """, "caps.gov");
        var markdown = ComplianceDocument.RenderMarkdown(compilation.Bound, compilation.Coverage);
        Assert.DoesNotContain("compares these grants with the live grants", markdown, StringComparison.Ordinal);
        Assert.Contains($"**db** (duckdb): grants: {StoreCapabilities.Of(StoreKind.DuckDb, StoreCapability.EnforcedGrants).Text}; masks: {StoreCapabilities.Of(StoreKind.DuckDb, StoreCapability.MaskedViews).Text}.", markdown, StringComparison.Ordinal);
        Assert.Contains($"**pg** (postgres): grants: {StoreCapabilities.Of(StoreKind.Postgres, StoreCapability.EnforcedGrants).Text}", markdown, StringComparison.Ordinal);
        Assert.Contains($"**db** (duckdb): {StoreCapabilities.Of(StoreKind.DuckDb, StoreCapability.NativeRetention).Text}.", markdown, StringComparison.Ordinal);
    }
}
