using PolicyLang.Runtime.Reporting;
using Xunit;

namespace PolicyLang.Cli.Tests;

/// <summary>A lifecycle in stages (issue 16) as a user meets it: `check`, `run --json`, `plan` and `docs` on the starter policy.</summary>
public sealed class LifecycleTests : IDisposable
{
    private const string Single = "retain 1 year by collected_at then archive to archive as parquet then delete\n  retain 5 years by collected_at in archive then delete";

    private const string Chain = "retain 6 months by collected_at then anonymize donor_email\n"
        + "  retain 1 year by collected_at then archive to archive as parquet then delete\n"
        + "  retain 3 years by collected_at in archive then delete";

    private readonly Scratch scratch = new();

    public LifecycleTests()
    {
        var init = Policyc.Run(scratch.Path, scratch.Cache, "init", "lab");
        Assert.True(init.ExitCode == 0, init.ToString());
    }

    private string Gov => Path.Combine(scratch.Path, "lab", "lab.gov");

    public void Dispose() => scratch.Dispose();

    private void Write(string retain)
    {
        var text = File.ReadAllText(Gov);
        Assert.Contains(Single, text, StringComparison.Ordinal);
        File.WriteAllText(Gov, text.Replace(Single, retain, StringComparison.Ordinal));
    }

    [Fact]
    public void A_chain_checks_clean_runs_stage_by_stage_and_shows_in_plan_and_documents()
    {
        Write(Chain);
        var check = Policyc.Run(scratch.Path, scratch.Cache, "check", "lab");
        Assert.True(check.ExitCode == 0, check.ToString());

        var run = Policyc.Run(scratch.Path, scratch.Cache, "run", "lab", "--json", "report.json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var report = RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "report.json")));
        var samples = report.Retention.Where(r => r.Dataset == "samples").ToList();
        Assert.Equal(["6 months anonymize", "1 year archive+delete", "3 years expire archive"], samples.Select(r => r.StageLabel));
        Assert.Equal([1, 2, 3], samples.Select(r => r.Stage ?? 0));
        Assert.Equal(2, samples[1].Archived);
        Assert.Equal(0, samples[2].ExpiredBatches);
        Assert.Contains("retention samples stage 3 (3 years expire archive): deleted 0 archived batches (0 rows) from archive", run.Stdout + run.Stderr, StringComparison.Ordinal);

        var plan = Policyc.Run(scratch.Path, scratch.Cache, "plan", "lab");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("== lifecycle of samples (3 stages", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("3. after 3 years: delete the complete archive batches under 'archive'", plan.Stdout, StringComparison.Ordinal);

        var docs = Policyc.Run(scratch.Path, scratch.Cache, "docs", "lab", "-o", "out");
        Assert.True(docs.ExitCode == 0, docs.ToString());
        var markdown = File.ReadAllText(Path.Combine(scratch.Path, "out", "compliance.md"));
        Assert.Contains("| **samples** (stage 3 of 3) | 3 years | collected_at |", markdown, StringComparison.Ordinal);
        Assert.Contains("- **samples**: 1 year in `warehouse` (donor_email anonymized after 6 months), 3 years in `archive` (from 1 year)", markdown, StringComparison.Ordinal);
        Assert.Contains("\"copiesIn\": \"archive\"", File.ReadAllText(Path.Combine(scratch.Path, "out", "compliance.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Stages_out_of_order_fail_check_with_a_located_coded_error()
    {
        Write("retain 2 years by collected_at then anonymize donor_email\n  " + Single);
        var check = Policyc.Run(scratch.Path, scratch.Cache, "check", "lab");
        Assert.True(check.ExitCode != 0, check.ToString());
        Assert.Matches(@"lab\.gov\(\d+,\d+\): error GOV0316: `1 year` is shorter than `2 years`, the previous stage's window \(line \d+\)", check.Stdout + check.Stderr);
    }
}
