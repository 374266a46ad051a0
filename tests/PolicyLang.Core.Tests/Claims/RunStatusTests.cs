using System.Text.Json;
using PolicyLang.Core.Controls;
using PolicyLang.Core.Docs;
using PolicyLang.Core.Tests.Support;
using Xunit;

namespace PolicyLang.Core.Tests.Claims;

/// <summary>
/// Run-informed status: a run report's failed or errored steps make exactly the safeguards whose evidence includes them Failing;
/// reports of another policy, version, or older than the review period are refused.
/// </summary>
public sealed class RunStatusTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private const string Policy = """
        policy "Run Lab" { version "2.1" owner "o" review every 90 days name "run-lab" }
        classification public < confidential
        role reader "Readers"
        store db postgres { connection env("PG") }
        store copies s3 { bucket "copies" }
        dataset orders in db table "orders" {
          owner "o" classification public key id
          expect id unique covers 3.2
          expect total > 0 as positive_total covers 8.11
          expect email not null
          retain 30 days by created_at then delete
          grant read to reader
        }
        dataset logs in db table "logs" {
          owner "o" classification public key id
          retain 90 days by ts then delete
          grant read to reader
        }
        audit { store db table "audit" retain 1 year }
        backup weekly {
          covers db
          every week keep 4
          retain 30 days
          offsite copies
          evidence in copies prefix "backups/db/"
        }
        controls cis-v8 { require 3.2, 3.3, 3.4, 8.2, 11.2, 11.4 }
        """;

    private static PolicyLang.Core.Compilation.PolicyCompilation Compiled()
    {
        var compilation = Compile.Text(Policy, "run.gov");
        Assert.False(compilation.HasErrors, string.Join("; ", compilation.Diagnostics));
        return compilation;
    }

    private static string Report(string body, string version = "2.1", string finishedAt = "2026-11-25T10:00:00+00:00") => $$"""
        { "policy": "run-lab", "policyVersion": "{{version}}", "startedAt": "{{finishedAt}}", "finishedAt": "{{finishedAt}}", {{body}} }
        """;

    private static CoverageReport Run(string body)
    {
        var compilation = Compiled();
        var run = RunReportReader.Read(Report(body), compilation.Bound);
        Assert.Null(run.Refusal(compilation.Bound, Today));
        return compilation.Coverage.WithRun(run);
    }

    private static IReadOnlyList<string> Failing(CoverageReport report) =>
        [.. report.Safeguards.Where(s => s.Status == SafeguardStatus.Failing).Select(s => s.Id)];

    [Fact]
    public void A_passing_run_changes_no_status_but_records_the_run()
    {
        var compilation = Compiled();
        var report = Run("\"rules\": [{ \"dataset\": \"orders\", \"rule\": \"id_unique\", \"status\": \"passed\" }]");
        Assert.Empty(Failing(report));
        Assert.Equal(compilation.Coverage.Safeguards.Select(s => s.Status), report.Safeguards.Select(s => s.Status));
        Assert.NotNull(report.Run);
    }

    [Fact]
    public void One_failed_rule_makes_exactly_the_safeguards_it_covers_failing()
    {
        var report = Run("\"rules\": [{ \"dataset\": \"orders\", \"rule\": \"positive_total\", \"status\": \"failed\", \"violations\": 3, \"total\": 1000 }]");
        Assert.Equal(["8.11"], Failing(report));
        var step = Assert.Single(report.Find("8.11")!.FailedSteps);
        Assert.Equal("rule orders.positive_total: failed: 3 of 1000 rows violate it", step.ToString());
    }

    [Fact]
    public void A_rule_no_safeguard_relies_on_changes_nothing()
    {
        var report = Run("\"rules\": [{ \"dataset\": \"orders\", \"rule\": \"email_not_null\", \"status\": \"error\", \"error\": \"no column email\" }]");
        Assert.Empty(Failing(report));
    }

    [Fact]
    public void Errored_retention_fails_the_retention_safeguards_only()
    {
        var report = Run("\"retention\": [{ \"dataset\": \"logs\", \"action\": \"delete\", \"error\": \"permission denied for table logs\" }]");
        Assert.Equal(["3.4", "3.5"], Failing(report));
        Assert.Contains("permission denied", report.Find("3.4")!.FailedSteps.Single().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Access_that_errored_or_drifted_fails_the_access_safeguards()
    {
        Assert.Equal(["3.3"], Failing(Run("\"access\": [{ \"dataset\": \"orders\", \"status\": \"error\", \"error\": \"role missing\" }]")));
        var drift = Run("\"datasets\": [{ \"dataset\": \"logs\", \"errors\": [], \"schemaDrift\": [{ \"column\": \"reader\", \"finding\": \"grant\", \"declared\": \"read\", \"actual\": \"not granted\" }] }]");
        Assert.Equal(["3.3"], Failing(drift));
    }

    [Fact]
    public void An_audit_that_could_not_be_opened_fails_the_audit_safeguards()
    {
        var report = Run("\"errors\": [\"audit trail: relation audit does not exist\"]");
        Assert.Equal(["8.2", "8.3"], Failing(report));
    }

    [Fact]
    public void A_dataset_whose_checks_errored_fails_the_safeguards_its_rules_cover()
    {
        var report = Run("\"datasets\": [{ \"dataset\": \"orders\", \"errors\": [\"checks: connection refused\"] }]");
        Assert.Equal(["3.2", "8.11"], Failing(report));
    }

    [Fact]
    public void A_backup_whose_newest_copy_is_too_old_fails_11_2_and_11_4()
    {
        var report = Run("\"backups\": [{ \"backup\": \"weekly\", \"status\": \"failed\", \"detail\": \"the newest copy is 20 days old, older than the schedule allows (every 1 week)\" }]");
        Assert.Contains("11.2", Failing(report));
        Assert.Contains("11.4", Failing(report));
        Assert.DoesNotContain("3.4", Failing(report));
    }

    [Fact]
    public void Documents_show_failing_in_words_and_the_json_fields()
    {
        var compilation = Compiled();
        var run = RunReportReader.Read(Report("\"rules\": [{ \"dataset\": \"orders\", \"rule\": \"id_unique\", \"status\": \"failed\", \"violations\": 2, \"total\": 10 }]"), compilation.Bound);
        var report = compilation.Coverage.WithRun(run);
        var markdown = ComplianceDocument.RenderMarkdown(compilation.Bound, report);
        Assert.Contains("| **CIS.3.2** |", markdown, StringComparison.Ordinal);
        Assert.Contains("**Failing** (failed in the run: rule orders.id_unique: failed: 2 of 10 rows violate it)", markdown, StringComparison.Ordinal);
        Assert.Contains("the policy and the run of 2026-11-25 10:00:00 UTC (policy version 2.1)", markdown, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(ComplianceDocument.RenderJson(compilation.Bound, report));
        Assert.Equal("run", json.RootElement.GetProperty("derivedFrom").GetString());
        Assert.Equal("2.1", json.RootElement.GetProperty("policyVersion").GetString());
        var control = json.RootElement.GetProperty("controls").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "3.2");
        Assert.Equal("failing", control.GetProperty("status").GetString());
        Assert.Equal("run", control.GetProperty("derivedFrom").GetString());
        Assert.Equal("2026-11-25 10:00:00 UTC", control.GetProperty("runAt").GetString());
        Assert.Equal("orders.id_unique", control.GetProperty("failedSteps")[0].GetProperty("name").GetString());

        var html = ComplianceDocument.RenderHtml(compilation.Bound, report, RunHistory.None("none"));
        Assert.Contains("status-failing", html, StringComparison.Ordinal);
        Assert.Contains("Failing</span>", html, StringComparison.Ordinal);

        using var policyOnly = JsonDocument.Parse(ComplianceDocument.RenderJson(compilation.Bound, compilation.Coverage));
        Assert.Equal("policy", policyOnly.RootElement.GetProperty("derivedFrom").GetString());
        Assert.Equal(JsonValueKind.Null, policyOnly.RootElement.GetProperty("runAt").ValueKind);
    }

    [Fact]
    public void The_top_level_status_is_the_worst_required_safeguard_and_a_failed_run_makes_it_failing()
    {
        var compilation = Compiled();
        var before = compilation.Coverage;
        Assert.NotEqual(SafeguardStatus.Failing, before.Status);
        Assert.All(before.Judged, s => Assert.True(s.Required));

        using var policyOnly = JsonDocument.Parse(ComplianceDocument.RenderJson(compilation.Bound, before));
        Assert.Equal("required", policyOnly.RootElement.GetProperty("statusOver").GetString());
        var counts = policyOnly.RootElement.GetProperty("statusCounts");
        Assert.Equal(before.Judged.Count, counts.EnumerateObject().Sum(c => c.Value.GetInt32()));
        Assert.Equal(0, counts.GetProperty("failing").GetInt32());

        var after = Run("\"rules\": [{ \"dataset\": \"orders\", \"rule\": \"id_unique\", \"status\": \"failed\", \"violations\": 2, \"total\": 10 }]");
        Assert.Equal(SafeguardStatus.Failing, after.Status);
        using var json = JsonDocument.Parse(ComplianceDocument.RenderJson(compilation.Bound, after));
        Assert.Equal("failing", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("statusCounts").GetProperty("failing").GetInt32());
    }

    [Fact]
    public void A_policy_that_requires_nothing_is_judged_on_what_it_lists_and_one_that_lists_nothing_is_not_covered()
    {
        var claimsNothing = Compile.Text(Policy.Replace("controls cis-v8 { require 3.2, 3.3, 3.4, 8.2, 11.2, 11.4 }", ""), "run.gov");
        Assert.False(claimsNothing.HasErrors, string.Join("; ", claimsNothing.Diagnostics));
        Assert.NotEmpty(claimsNothing.Coverage.Judged);
        Assert.Equal(claimsNothing.Coverage.Safeguards.Count, claimsNothing.Coverage.Judged.Count);
        using var json = JsonDocument.Parse(ComplianceDocument.RenderJson(claimsNothing.Bound, claimsNothing.Coverage));
        Assert.Equal("listed", json.RootElement.GetProperty("statusOver").GetString());

        var empty = new CoverageReport([], [], []);
        Assert.Equal(SafeguardStatus.NotCovered, empty.Status);
    }

    [Theory]
    [InlineData("2.0", "2026-11-25T10:00:00+00:00", "the run report is of policy version 2.0, the policy is version 2.1")]
    [InlineData("2.1", "2026-08-01T10:00:00+00:00", "older than the policy's review period")]
    public void A_report_of_another_version_or_older_than_the_review_period_is_refused(string version, string finishedAt, string expected)
    {
        var compilation = Compiled();
        var run = RunReportReader.Read(Report("\"rules\": []", version, finishedAt), compilation.Bound);
        Assert.Contains(expected, run.Refusal(compilation.Bound, Today), StringComparison.Ordinal);

        var accepted = compilation.Coverage.WithRun(run with { AcceptedDespite = run.Refusal(compilation.Bound, Today) });
        Assert.Contains($"**Run report accepted despite** | **{run.Refusal(compilation.Bound, Today)}", ComplianceDocument.RenderMarkdown(compilation.Bound, accepted), StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_of_another_policy_or_not_a_report_is_refused()
    {
        var compilation = Compiled();
        var other = RunReportReader.Read("{ \"policy\": \"other\", \"policyVersion\": \"2.1\", \"finishedAt\": \"2026-11-25T10:00:00+00:00\" }", compilation.Bound);
        Assert.Contains("is of policy `other`", other.Refusal(compilation.Bound, Today), StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => RunReportReader.Read("{ \"policy\": \"run-lab\" }", compilation.Bound));
        Assert.Throws<FormatException>(() => RunReportReader.Read("not json", compilation.Bound));
    }
}
