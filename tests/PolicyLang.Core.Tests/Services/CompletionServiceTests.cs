using PolicyLang.Core.Services;
using Xunit;

namespace PolicyLang.Core.Tests.Services;

/// <summary>Completion in context, mostly on text that does not parse (the file being typed).</summary>
public class CompletionServiceTests
{
    private static IReadOnlyList<string> Labels(Cursor cursor) =>
        [.. CompletionService.GetCompletions(cursor.Compilation, cursor.Path, cursor.Offset).Items.Select(i => i.Label)];

    [Fact]
    public void Store_block_proposes_the_settings_of_its_kind()
    {
        var labels = Labels(Cursor.AfterLab("store x postgres {\n  $$"));
        Assert.Equal(["connection", "tls", "encryption"], labels);
    }

    [Fact]
    public void Store_settings_already_written_are_not_proposed_again()
    {
        Assert.Equal(["region", "endpoint", "storage-class", "encryption"], Labels(Cursor.AfterLab("store x s3 {\n  bucket \"b\"\n  $$\n}")));
    }

    [Fact]
    public void Store_setting_values()
    {
        Assert.Equal(["required", "preferred", "disabled"], Labels(Cursor.AfterLab("store x postgres { tls $$")));
        Assert.Contains("glacier-flexible-retrieval", Labels(Cursor.AfterLab("store x s3 { storage-class gl$$")));
        Assert.Equal(["aes256", "kms"], Labels(Cursor.AfterLab("store x s3 { bucket \"b\" encryption $$ }")));
    }

    [Fact]
    public void Top_level_keywords_at_a_line_start()
    {
        var labels = Labels(Cursor.AfterLab("da$$"));
        Assert.Contains("dataset", labels);
        Assert.Contains("controls", labels);
        Assert.DoesNotContain("expect", labels);
    }

    [Fact]
    public void Store_kinds_after_a_store_name()
    {
        Assert.Equal(["postgres", "mongodb", "s3", "duckdb", "folder"], Labels(Cursor.AfterLab("store x $$")));
    }

    [Fact]
    public void Dataset_header_proposes_stores_then_fitting_location_kinds()
    {
        Assert.Equal(["research", "telemetry", "offsite"], Labels(Cursor.AfterLab("dataset d in $$")));
        Assert.Equal(["collection"], Labels(Cursor.AfterLab("dataset d in telemetry $$")));
    }

    [Fact]
    public void Dataset_members_inside_a_dataset_block()
    {
        var labels = Labels(Cursor.AfterLab("dataset d in research table \"t\" {\n  $$\n}"));
        Assert.Equal(["description", "owner", "steward", "classification", "key", "schedule", "column", "expect", "retain", "mask", "grant", "watermark"], labels);
    }

    [Fact]
    public void Classification_levels_after_classification_in_a_dataset()
    {
        Assert.Equal(["public", "internal", "confidential", "restricted"], Labels(Cursor.AfterLab("dataset d in research table \"t\" {\n  classification $$")));
    }

    [Fact]
    public void Columns_of_the_dataset_being_typed_after_expect()
    {
        var labels = Labels(Cursor.AfterLab("dataset d in research table \"t\" {\n  column a bigint\n  column b text\n  expect $$"));
        Assert.Contains("a", labels);
        Assert.Contains("b", labels);
        Assert.Contains("rows at least", labels);
        Assert.DoesNotContain("ra", labels);
    }

    [Fact]
    public void Prefix_datasets_get_object_rules_only()
    {
        Assert.Equal(["objects at least", "object-age fresher than"], Labels(Cursor.AfterLab("dataset d in offsite prefix \"p/\" {\n  expect $$")));
    }

    [Fact]
    public void Checks_after_a_rule_column()
    {
        var labels = Labels(Cursor.AfterLab("dataset d in research table \"t\" {\n  expect a $$"));
        Assert.Contains("not null", labels);
        Assert.Contains("references", labels);
        Assert.Contains("fresher than", labels);
    }

    [Fact]
    public void References_proposes_datasets_then_the_columns_of_the_named_one()
    {
        Assert.Contains("gaia_sources", Labels(Cursor.AfterLab("dataset d in research table \"t\" {\n  expect a references $$")));
        var cursor = Cursor.AfterLab("dataset d in research table \"t\" {\n  expect a references gaia_sources.so$$");
        var list = CompletionService.GetCompletions(cursor.Compilation, cursor.Path, cursor.Offset);
        Assert.Contains("source_id", list.Items.Select(i => i.Label));
        Assert.Contains("ingested_at", list.Items.Select(i => i.Label));
        Assert.Equal("so", cursor.Compilation.Syntax[0].Syntax.File.GetText(list.ReplaceSpan));
    }

    [Fact]
    public void Rule_options_after_a_complete_rule()
    {
        var labels = Labels(Cursor.InLab("expect ra between 0 and 360", "expect ra between 0 and 360 ".Length));
        Assert.Contains("severity", labels);
        Assert.Contains("covers", labels);
        Assert.Contains("or null", labels);
    }

    [Fact]
    public void Severities_safeguards_and_roles_where_they_are_expected()
    {
        Assert.Equal(["error", "warn", "info"], Labels(Cursor.AfterLab("dataset d in research table \"t\" {\n  expect a unique severity $$")));
        var covers = Cursor.AfterLab("dataset d in research table \"t\" {\n  expect a unique covers $$");
        var safeguards = CompletionService.GetCompletions(covers.Compilation, covers.Path, covers.Offset);
        Assert.Contains(safeguards.Items, i => i.Label == "3.4" && i.Detail == "Enforce Data Retention" && i.Documentation!.Contains("required at lab.gov:", StringComparison.Ordinal));
        Assert.Equal(["researcher", "analyst", "ingest", "dba"], Labels(Cursor.AfterLab("dataset d in research table \"t\" {\n  grant read to $$")));
        Assert.Equal(["researcher", "analyst", "ingest", "dba"], Labels(Cursor.AfterLab("dataset d in research table \"t\" {\n  grant read to analyst, $$")));
    }

    [Fact]
    public void Retention_flow_words()
    {
        const string Head = "dataset d in research table \"t\" {\n  column at timestamptz\n  column n text\n  retain 30 days by ";
        Assert.Equal(["at"], Labels(Cursor.AfterLab(Head + "$$")));
        var then = Labels(Cursor.AfterLab(Head + "at then $$"));
        Assert.Contains("delete", then);
        Assert.Contains("archive to … as …", then);
        Assert.Equal(["offsite"], Labels(Cursor.AfterLab(Head + "at then archive to $$")));
        Assert.Equal(["parquet", "jsonl"], Labels(Cursor.AfterLab(Head + "at then archive to offsite as $$")));
    }

    [Fact]
    public void Audit_backup_controls_and_policy_blocks()
    {
        Assert.Equal(["research", "telemetry", "offsite"], Labels(Cursor.AfterLab("audit { store $$")));
        Assert.Equal(["day", "week", "month", "quarter", "year"], Labels(Cursor.AfterLab("backup b { every $$")));
        Assert.Contains("3.14", Labels(Cursor.AfterLab("controls cis-v8 { require 3.1, $$")));
        Assert.Contains("iso-27001-2022", Labels(Cursor.In("policy \"p\" {\n  frameworks cis-v8, $$\n}")));
        Assert.Equal(["cis-v8"], Labels(Cursor.AfterLab("controls $$")));
    }

    [Fact]
    public void Test_blocks_propose_fields_then_rules()
    {
        Assert.Contains("source_id", Labels(Cursor.AfterLab("test gaia_sources {\n  row { $$")));
        var rules = Labels(Cursor.AfterLab("test gaia_sources {\n  row { ra: 400 } fails $$"));
        Assert.Contains("ra_between", rules);
        Assert.Contains("plausible_magnitude", rules);
        Assert.Contains("gaia_sources", Labels(Cursor.AfterLab("test $$")));
    }

    [Fact]
    public void Nothing_inside_strings_and_comments()
    {
        Assert.Empty(Labels(Cursor.AfterLab("role x \"abc$$ def\"")));
        Assert.Empty(Labels(Cursor.AfterLab("// a comment $$")));
    }

    [Fact]
    public void An_unclosed_block_above_does_not_swallow_the_next_declaration()
    {
        var labels = Labels(Cursor.AfterLab("store broken postgres {\n  tls required\n\nstore y postgres {\n  $$"));
        Assert.Equal(["connection", "tls", "encryption"], labels);
    }

    [Fact]
    public void Never_throws_at_any_offset_of_broken_text()
    {
        var text = Support.Compile.LabText();
        foreach (var cut in new[] { 0, 100, 777, 1500, text.Length / 2, text.Length - 10 })
        {
            var broken = text[..cut] + " expect { } ( references . " + text[cut..];
            var compilation = Support.Compile.Text(broken);
            for (var offset = 0; offset <= broken.Length; offset += 7)
            {
                CompletionService.GetCompletions(compilation, "lab.gov", offset);
                HoverService.GetHover(compilation, "lab.gov", offset);
            }
        }
    }
}
