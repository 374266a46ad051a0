using System.Text.Json.Nodes;
using PolicyLang.Core.Diagnostics;
using Xunit;
using static PolicyLang.Core.Tests.Binding.BindingAssert;

namespace PolicyLang.Core.Tests.Binding;

/// <summary>Conflicts between declarations (GOV0330–GOV0339): each with the text it underlines and the text its related location underlines.</summary>
public class ConflictCheckTests
{
    private const string People = "dataset people in research table \"people\" {\n key id\n column id bigint\n column joined timestamptz\n";

    private static void AssertConflict(string fragment, string code, string underlined, string related, string? messageContains = null)
    {
        var diagnostic = AssertDiagnostic(fragment, code, underlined, messageContains);
        Assert.NotNull(diagnostic.Related);
        Assert.Equal(related, diagnostic.Related!.File.GetText(diagnostic.Related.Span));
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Related.Message));
    }

    private static void AssertNone(string fragment, params string[] codes)
    {
        var compilation = CompileFragment(fragment);
        Assert.False(compilation.Diagnostics.Any(d => codes.Contains(d.Code)), Describe(compilation.Diagnostics));
    }

    // ---- GOV0330–GOV0332: anonymizing a column that may not be null ----

    [Fact]
    public void Anonymizing_a_not_null_column_is_an_error() =>
        AssertConflict(People + " column email text not null\n retain 2 years by joined then anonymize email\n}", "GOV0330", "email", "column email text not null");

    [Theory]
    [InlineData(" expect email not null\n retain 2 years by joined then anonymize email\n}", "expect email not null")]
    [InlineData(" expect email matches \"@\"\n retain 2 years by joined then anonymize email\n}", "expect email matches \"@\"")]
    [InlineData(" expect email in [\"a\"] tolerance 0%\n retain 2 years by joined then anonymize email\n}", "expect email in [\"a\"] tolerance 0%")]
    [InlineData(" expect score > 0\n retain 2 years by joined then anonymize score\n}", "expect score > 0")]
    public void Anonymizing_a_column_a_failing_rule_checks_is_an_error(string rest, string rule) =>
        AssertConflict(People.Replace(" column id bigint\n column joined timestamptz\n", string.Empty, StringComparison.Ordinal) + rest, "GOV0331", rest.Split("anonymize ")[1].TrimEnd('\n', '}'), rule);

    [Fact]
    public void A_document_field_inside_an_anonymized_column_counts() =>
        AssertConflict("dataset logs in research table \"logs\" {\n key id\n expect meta.site in [\"a\"]\n retain 1 year by ts then anonymize meta\n}", "GOV0331", "meta", "expect meta.site in [\"a\"]");

    [Fact]
    public void Anonymize_then_delete_later_still_leaves_nulls_between_the_stages() =>
        AssertConflict(
            "dataset people in research table \"people\" {\n key id\n expect email not null\n retain 1 year by joined then anonymize email\n retain 5 years by joined then archive to archive as parquet then delete\n retain 7 years by joined in archive then delete\n}",
            "GOV0331", "email", "expect email not null", "until they are deleted after 5 years");

    [Theory]
    [InlineData(" expect email matches \"@\" tolerance 5%", "tolerance")]
    [InlineData(" expect email matches \"@\" severity warn", "on every run")]
    [InlineData(" expect email not null severity info", "on every run")]
    public void A_rule_with_tolerance_or_a_lower_severity_is_a_warning(string rule, string message)
    {
        var fragment = "dataset people in research table \"people\" {\n key id\n" + rule + "\n retain 2 years by joined then anonymize email\n}";
        AssertConflict(fragment, "GOV0332", "email", rule.Trim(), message);
        AssertNone(fragment, "GOV0331");
    }

    [Theory]
    [InlineData(" column email text\n retain 2 years by joined then anonymize email\n}")]
    [InlineData(" column email text\n expect email matches \"@\" or null\n expect email not null or null\n retain 2 years by joined then anonymize email\n}")]
    [InlineData(" column email text\n expect email unique\n retain 2 years by joined then anonymize email\n}")]
    [InlineData(" column email text\n column name text not null\n expect name not null\n retain 2 years by joined then anonymize email\n}")]
    [InlineData(" column email text not null\n expect email not null\n retain 2 years by joined then delete\n}")]
    public void Nullable_columns_and_rules_that_allow_nulls_are_no_conflict(string rest) =>
        AssertNone(People + rest, "GOV0330", "GOV0331", "GOV0332");

    [Fact]
    public void Anonymizing_the_key_is_reported_once_as_GOV0318()
    {
        var compilation = CompileFragment(People + " expect id not null\n retain 2 years by joined then anonymize id\n}");
        Assert.Equal(["GOV0318"], compilation.Diagnostics.Select(d => d.Code));
    }

    // ---- GOV0333: references kept longer than their target ----

    private const string Targets = "dataset targets in research table \"targets\" {\n key name\n retain 1 year by added then archive to archive as parquet then delete\n}\n";

    [Fact]
    public void References_kept_longer_than_the_target_name_both_windows()
    {
        var d = AssertDiagnostic(Targets + "dataset obs in research table \"obs\" {\n key id\n expect target references targets.name\n retain 5 years by seen then delete\n}",
            "GOV0333", "retain 5 years by seen then delete", "5 years");
        Assert.Contains("after 1 year", d.Message, StringComparison.Ordinal);
        Assert.Equal("retain 1 year by added then archive to archive as parquet then delete", d.Related!.File.GetText(d.Related.Span));
    }

    [Fact]
    public void References_kept_forever_point_at_the_rule() =>
        AssertConflict(Targets + "dataset obs in research table \"obs\" {\n key id\n expect target references targets.name\n}",
            "GOV0333", "expect target references targets.name", "retain 1 year by added then archive to archive as parquet then delete", "no retention");

    [Fact]
    public void A_target_column_anonymized_first_is_gone_too() =>
        AssertConflict(
            "dataset sites in research table \"sites\" {\n key id\n retain 1 year by added then anonymize code\n}\ndataset obs in research table \"obs\" {\n key id\n expect site references sites.code\n retain 2 years by seen then delete\n}",
            "GOV0333", "retain 2 years by seen then delete", "retain 1 year by added then anonymize code", "anonymized (`code`)");

    [Theory]
    [InlineData(" retain 6 months by seen then delete")]
    [InlineData(" retain 12 months by seen then delete")]
    [InlineData(" retain 365 days by seen then delete")]
    [InlineData(" retain 6 months by seen then anonymize target\n retain 5 years by seen then delete")]
    public void References_gone_no_later_than_the_target_are_no_conflict(string retention) =>
        AssertNone(Targets + "dataset obs in research table \"obs\" {\n key id\n expect target references targets.name\n" + retention + "\n}", "GOV0333");

    [Fact]
    public void A_target_kept_forever_is_no_conflict() =>
        AssertNone("dataset targets in research table \"targets\" { key name }\ndataset obs in research table \"obs\" {\n key id\n expect target references targets.name\n retain 5 years by seen then delete\n}", "GOV0333");

    // ---- GOV0334: retention without a key ----

    [Fact]
    public void Retention_of_a_table_without_key_is_an_error() =>
        AssertConflict("dataset logs in research table \"logs\" {\n retain 30 days by ts then delete\n}", "GOV0334", "retain 30 days by ts then delete", "logs");

    [Fact]
    public void Retention_of_a_collection_without_key_is_an_error() =>
        AssertConflict("store tel mongodb { connection env(\"M\") tls required }\ndataset logs in tel collection \"logs\" {\n retain 30 days by ts then anonymize who\n}",
            "GOV0334", "retain 30 days by ts then anonymize who", "logs");

    [Theory]
    [InlineData("dataset frames in archive prefix \"raw/\" { retain 30 days by last-modified then delete }")]
    [InlineData("dataset logs in research table \"logs\" { key id retain 30 days by ts then delete }")]
    [InlineData("dataset logs in research table \"logs\" { expect ts not null }")]
    [InlineData("dataset logs in research table \"logs\" { column n bigint retain 30 days by n then delete }")]
    public void Prefixes_keyed_datasets_no_retention_and_invalid_stages_are_not_reported(string fragment) =>
        AssertNone(fragment, "GOV0334");

    // ---- GOV0335–GOV0336: backups against retention ----

    private const string Logs = "dataset logs in research table \"logs\" {\n key id\n retain 30 days by ts then delete\n}\n";

    [Fact]
    public void A_backup_kept_longer_than_the_rows_it_covers() =>
        AssertConflict(Logs + "backup nightly {\n covers research\n every day keep 7\n retain 1 year\n}", "GOV0335", "retain 30 days by ts then delete", "retain 1 year", "1 year");

    [Fact]
    public void Without_retain_the_longest_schedule_is_how_long_copies_are_kept() =>
        AssertConflict(Logs + "backup nightly {\n covers research\n every day keep 7\n every month keep 12\n}", "GOV0335", "retain 30 days by ts then delete", "every month keep 12", "12 months");

    [Fact]
    public void A_backup_of_the_archive_store_kept_longer_than_the_archived_copies() =>
        AssertConflict(
            "dataset logs in research table \"logs\" {\n key id\n retain 30 days by ts then archive to archive as parquet then delete\n retain 1 year by ts in archive then delete\n}\nbackup vault {\n covers archive\n every month keep 1\n retain 2 years\n}",
            "GOV0335", "retain 1 year by ts in archive then delete", "retain 2 years", "archived copies");

    [Fact]
    public void An_anonymize_stage_is_what_the_backup_outlives() =>
        AssertConflict(People + " column email text\n retain 30 days by joined then anonymize email\n retain 5 years by joined then delete\n}\nbackup nightly {\n covers research\n every day keep 7\n retain 90 days\n}",
            "GOV0335", "retain 30 days by joined then anonymize email", "retain 90 days", "anonymized");

    [Theory]
    [InlineData("backup nightly {\n covers archive\n every day keep 7\n retain 1 year\n}")]
    [InlineData("backup nightly {\n covers research\n every day keep 7\n retain 30 days\n}")]
    [InlineData("backup nightly {\n covers research\n every day keep 30\n}")]
    public void Backups_of_other_stores_or_no_longer_than_the_data_are_no_conflict(string backup) =>
        AssertNone(Logs + backup, "GOV0335", "GOV0336");

    [Fact]
    public void A_backup_that_is_the_only_copy_kept_shorter_than_the_data() =>
        AssertConflict("dataset invoices in research table \"invoices\" {\n key id\n retain 7 years by issued then delete\n}\nbackup nightly {\n covers research\n every day keep 30\n}",
            "GOV0336", "retain 7 years by issued then delete", "every day keep 30", "only other copy");

    [Theory]
    [InlineData(" retain 7 years by issued then archive to archive as parquet then delete\n retain 10 years by issued in archive then delete")]
    [InlineData(" retain 20 days by issued then delete")]
    [InlineData(" retain 7 years by issued then anonymize customer")]
    public void Archived_short_or_never_deleted_data_has_no_only_copy_conflict(string retention) =>
        AssertNone("dataset invoices in research table \"invoices\" {\n key id\n" + retention + "\n}\nbackup nightly {\n covers research\n every day keep 30\n}", "GOV0336");

    // ---- GOV0337: archived personal data kept forever ----

    [Fact]
    public void Archived_pii_without_expiry_is_kept_forever() =>
        AssertConflict(People + " column email text pii\n retain 2 years by joined then archive to archive as parquet then delete\n}",
            "GOV0337", "archive to archive as parquet then", "column email text pii", "kept forever");

    [Fact]
    public void Columns_anonymized_by_the_archiving_stage_are_archived_in_clear() =>
        AssertConflict(People + " column email text\n retain 2 years by joined then archive to archive as jsonl then anonymize email\n}",
            "GOV0337", "archive to archive as jsonl then", "retain 2 years by joined then archive to archive as jsonl then anonymize email");

    [Theory]
    [InlineData(" column email text pii\n retain 2 years by joined then archive to archive as parquet then delete\n retain 7 years by joined in archive then delete\n}")]
    [InlineData(" column email text pii\n retain 1 year by joined then anonymize email\n retain 2 years by joined then archive to archive as parquet then delete\n}")]
    [InlineData(" column email text\n retain 2 years by joined then archive to archive as parquet then delete\n}")]
    [InlineData(" column email text pii\n retain 2 years by joined then archive to archive as parquet then delete\n}\ndataset archived in archive prefix \"example/\" { retain 7 years by last-modified then delete }")]
    public void Expired_anonymized_or_impersonal_archives_are_no_conflict(string rest) =>
        AssertNone(People + rest, "GOV0337");

    [Fact]
    public void A_prefix_dataset_over_another_path_does_not_expire_the_archive() =>
        AssertDiagnostic(People + " column email text pii\n retain 2 years by joined then archive to archive as parquet then delete\n}\ndataset raw in archive prefix \"raw/\" { retain 7 years by last-modified then delete }",
            "GOV0337", "archive to archive as parquet then");

    // ---- GOV0338–GOV0339: masks against grants and classification ----

    [Fact]
    public void A_read_grant_gives_the_unmasked_table() =>
        AssertConflict("role auditor\ndataset people in research table \"people\" {\n mask email with sha256\n grant read to analyst, auditor\n grant write to analyst\n}",
            "GOV0338", "grant read to analyst, auditor", "mask email with sha256", "`analyst`, `auditor`");

    [Theory]
    [InlineData("dataset people in research table \"people\" {\n mask email with sha256\n grant write to analyst\n}")]
    [InlineData("dataset people in research table \"people\" {\n grant read to analyst\n}")]
    public void Write_grants_and_unmasked_datasets_are_no_conflict(string fragment) => AssertNone(fragment, "GOV0338");

    [Fact]
    public void Unmasked_pii_in_a_confidential_dataset() =>
        AssertConflict("dataset people in research table \"people\" {\n classification confidential\n column email text pii\n column name text pii\n mask name with redact\n}",
            "GOV0339", "column email text pii", "classification confidential");

    [Theory]
    [InlineData("internal")]
    [InlineData("public")]
    public void Pii_below_confidential_is_no_conflict(string level) =>
        AssertNone($"dataset people in research table \"people\" {{\n classification {level}\n column email text pii\n}}", "GOV0339");

    [Theory]
    [InlineData("classification low < high", "high", true)]
    [InlineData("classification low < high", "low", false)]
    [InlineData("classification public < confidential < secret", "secret", true)]
    [InlineData("classification confidential < top", "confidential", true)]
    public void Confidential_follows_the_declared_order(string classification, string level, bool reported)
    {
        var compilation = Compile($"policy \"P\" {{ version \"1\" owner \"o\" review every 90 days }}\n{classification}\nstore db postgres {{ connection env(\"PG\") tls required }}\n"
            + $"dataset people in db table \"people\" {{\n classification {level}\n column email text pii\n}}");
        Assert.Equal(reported, compilation.Diagnostics.Any(d => d.Code == "GOV0339"));
    }

    // ---- both locations reach SARIF ----

    [Fact]
    public void Sarif_results_carry_the_related_location()
    {
        var compilation = CompileFragment("dataset people in research table \"people\" {\n mask email with sha256\n grant read to analyst\n}");
        var log = JsonNode.Parse(SarifWriter.Write(compilation.Diagnostics, "1.0"))!;
        var result = log["runs"]![0]!["results"]!.AsArray().Single(r => (string?)r!["ruleId"] == "GOV0338")!;
        var related = result["relatedLocations"]![0]!;
        var mask = compilation.Diagnostics.Single(d => d.Code == "GOV0338").Related!;
        Assert.Equal(mask.File.GetPosition(mask.Span.Start).Line, (int)related["physicalLocation"]!["region"]!["startLine"]!);
        Assert.Equal("`email` is masked here", (string?)related["message"]!["text"]);
    }
}
