using PolicyLang.Core.Parsing;
using PolicyLang.Core.Services;
using Xunit;

namespace PolicyLang.Core.Tests.Services;

/// <summary>Hover on the lab policy: keywords in their block, declared names, safeguards, diagnostic codes.</summary>
public class HoverServiceTests
{
    private static HoverInfo Hover(Cursor cursor) =>
        HoverService.GetHover(cursor.Compilation, cursor.Path, cursor.Offset) ?? throw new InvalidOperationException("no hover");

    private static string Markdown(Cursor cursor) => Hover(cursor).Markdown;

    [Fact]
    public void Safeguard_id_shows_title_groups_status_and_evidence()
    {
        var text = Markdown(Cursor.InLab("3.4,", 1));
        Assert.Contains("**CIS v8 3.4** Enforce Data Retention", text, StringComparison.Ordinal);
        Assert.Contains("IG1, IG2, IG3", text, StringComparison.Ordinal);
        Assert.Contains("**Compliant**, required at lab.gov:", text, StringComparison.Ordinal);
        Assert.Contains("(lab.gov:55)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Partially_covered_safeguard_names_what_lacks_it()
    {
        var text = Markdown(Cursor.InLab("3.11,", 1));
        Assert.Contains("**Partial**", text, StringComparison.Ordinal);
        Assert.Contains("Lacking: telemetry (holds observation_logs)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_keyword_reads_differently_by_block()
    {
        Assert.Contains("audit records are kept", Markdown(Cursor.InLab("retain 1 year")), StringComparison.Ordinal);
        Assert.Contains("archive to", Markdown(Cursor.InLab("retain 30 days")), StringComparison.Ordinal);
        Assert.Contains("backups are encrypted", Markdown(Cursor.InLab("encryption   aes256")), StringComparison.Ordinal);
        Assert.Contains("encryption at rest", Markdown(Cursor.InLab("encryption    aes256")), StringComparison.Ordinal);
    }

    [Fact]
    public void Setting_values_are_documented()
    {
        Assert.Contains("Glacier Flexible Retrieval", Markdown(Cursor.InLab("glacier-flexible-retrieval", 3)), StringComparison.Ordinal);
        Assert.Contains("CIS 3.10", Markdown(Cursor.InLab("tls required", "tls ".Length)), StringComparison.Ordinal);
    }

    [Fact]
    public void Location_kinds_and_env_read_as_what_they_are_there()
    {
        Assert.Contains("a table of a postgres or duckdb store", Markdown(Cursor.InLab("research table", "research ".Length)), StringComparison.Ordinal);
        Assert.Contains("the audit table", Markdown(Cursor.InLab("table  \"governance")), StringComparison.Ordinal);
        Assert.Contains("runner's environment", Markdown(Cursor.InLab("env(\"LAB_PG_URL")), StringComparison.Ordinal);
    }

    [Fact]
    public void Store_hover_summarizes_kind_settings_and_datasets_without_secrets()
    {
        var hover = Hover(Cursor.InLab("dataset gaia_sources in research", "dataset gaia_sources in ".Length));
        Assert.Contains("**store** `research`: postgres", hover.Markdown, StringComparison.Ordinal);
        Assert.Contains("connection env(\"LAB_PG_URL\")", hover.Markdown, StringComparison.Ordinal);
        Assert.Contains("Datasets: `gaia_sources`, `photometry`", hover.Markdown, StringComparison.Ordinal);
        var secret = Cursor.In(Support.Compile.LabText().Replace("env(\"LAB_PG_URL\")", "\"Host=db;Password=hunter2\"", StringComparison.Ordinal) + "\n// $$");
        var at = secret.Compilation.Syntax[0].Syntax.File.Text.IndexOf("store research", StringComparison.Ordinal) + "store ".Length;
        Assert.DoesNotContain("hunter2", HoverService.GetHover(secret.Compilation, secret.Path, at)!.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Dataset_and_column_hovers_show_the_declaration_summary()
    {
        var dataset = Markdown(Cursor.InLab("references gaia_sources", "references ".Length));
        Assert.Contains("owner: astro-data", dataset, StringComparison.Ordinal);
        Assert.Contains("classification: internal", dataset, StringComparison.Ordinal);
        Assert.Contains("pii: observer_email", dataset, StringComparison.Ordinal);
        var column = Markdown(Cursor.InLab("mask observer_email", "mask ".Length));
        Assert.Contains("**column** `observer_email` of `gaia_sources`: text, **pii**", column, StringComparison.Ordinal);
        Assert.Contains("mask: sha256", column, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_level_and_rule_hovers()
    {
        Assert.Contains("read on `gaia_sources`", Markdown(Cursor.InLab("role analyst", "role ".Length)), StringComparison.Ordinal);
        Assert.Contains("public < internal < **confidential** < restricted", Markdown(Cursor.InLab("classification confidential", "classification ".Length)), StringComparison.Ordinal);
        var rule = Markdown(Cursor.InLab("as plausible_magnitude", "as ".Length));
        Assert.Contains("**rule** `plausible_magnitude` of `gaia_sources`", rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnostics_under_the_pointer_show_their_explanation()
    {
        var cursor = Cursor.In(Support.Compile.LabText().Replace("grant read to dba", "grant read to dab", StringComparison.Ordinal) + "\n// $$");
        var at = cursor.Compilation.Syntax[0].Syntax.File.Text.IndexOf("to dab", StringComparison.Ordinal) + 4;
        var text = HoverService.GetHover(cursor.Compilation, cursor.Path, at)!.Markdown;
        Assert.Contains("**GOV0311** Unknown role (error)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_diagnostic_code_written_in_a_comment_is_explained()
    {
        var text = Markdown(Cursor.AfterLab("// silenced GOV04$$02 on purpose"));
        Assert.Contains("## GOV0402", text, StringComparison.Ordinal);
        Assert.Contains("Example that triggers it", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_on_plain_strings_or_whitespace()
    {
        Assert.Null(HoverService.GetHover(Cursor.InLab("\"Iperius Backup\"", 3).Compilation, "lab.gov", Cursor.InLab("\"Iperius Backup\"", 3).Offset));
    }

    [Fact]
    public void Every_word_the_parser_matches_has_documentation()
    {
        var undocumented = PolicyKeywords.All.Where(word => KeywordDocs.Find(word, BlockKind.TopLevel) is null).ToList();
        Assert.True(undocumented.Count == 0, string.Join(", ", undocumented));
    }
}
