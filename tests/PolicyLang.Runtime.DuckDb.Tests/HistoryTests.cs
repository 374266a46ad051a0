using PolicyLang.Runtime.History;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Running;
using Xunit;

namespace PolicyLang.Runtime.DuckDb.Tests;

/// <summary>The run history on a DuckDB table and a folder's JSON Lines file, written by real runs and read back (docs/history.md).</summary>
public sealed class HistoryTests : IDisposable
{
    private readonly TempDir dir = new();

    public HistoryTests() => DuckDbEvents.Seed(dir, expired: 12, fresh: 3);

    public void Dispose() => dir.Dispose();

    private static PolicyModel Policy(HistoryModel history) =>
        M.DuckDbPolicy([M.Dataset("events", "events", "id", [M.Rule("payload_not_null", RuleKind.NotNull, "payload"), M.Rule("id_not_null", RuleKind.NotNull, "id")])])
            with { History = history };

    private Task<Reporting.RunReport> RunAt(PolicyModel policy, int day, bool dryRun = false) =>
        PolicyRunner.RunAsync(new TestPolicy(policy), new RunOptions { BaseDirectory = dir.Path, Now = M.Now.AddDays(day), DryRun = dryRun }, CancellationToken.None);

    private Task<IReadOnlyList<HistoryRun>> Read(PolicyModel policy, HistoryQuery? query = null) =>
        HistoryLog.ReadAsync(new TestPolicy(policy), new RunOptions { BaseDirectory = dir.Path }, query ?? new HistoryQuery(policy.Name), CancellationToken.None);

    public static TheoryData<string, string, string> Stores() => new()
    {
        { "db", "table", "ops.run_history" },
        { "archive", "path", "history/runs.jsonl" },
    };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Runs_are_kept_and_read_back_with_streaks_flips_and_trends(string store, string kind, string location)
    {
        var policy = Policy(new HistoryModel(store, kind, location));
        // payload_not_null: fails (rows 7, 14), passes after a fix, fails again with more nulls, twice.
        await RunAt(policy, 0);
        dir.Exec("UPDATE events SET payload = 'fixed' WHERE payload IS NULL");
        await RunAt(policy, 1);
        dir.Exec("UPDATE events SET payload = NULL WHERE id IN (1, 2, 3)");
        await RunAt(policy, 2);
        dir.Exec("UPDATE events SET payload = NULL WHERE id IN (4, 5)");
        var last = await RunAt(policy, 3);
        Assert.Empty(last.Errors);
        await RunAt(policy, 4, dryRun: true); // dry runs change nothing, the history included

        var runs = await Read(policy);
        Assert.Equal(4, runs.Count);
        Assert.Equal(["failed", "passed", "failed", "failed"], runs.Select(r => r.Run?.Status));
        Assert.Equal([M.Now, M.Now.AddDays(1), M.Now.AddDays(2), M.Now.AddDays(3)], runs.Select(r => r.RunAt));
        var rules = HistoryAnalysis.Rules(runs, last: 10);
        var payload = rules.Single(r => r.Rule == "payload_not_null");
        Assert.Equal([2L, 0, 3, 5], payload.Outcomes.Select(o => o.Violations));
        Assert.Equal(["failed", "passed", "failed", "failed"], payload.Outcomes.Select(o => o.Status));
        Assert.Equal((2, M.Now.AddDays(2), M.Now.AddDays(1)), (payload.ConsecutiveFailures, payload.FirstFailedAt, payload.LastPassedAt));
        Assert.Equal((2, true, HistoryAnalysis.Rising), (payload.Flips, payload.Flapping, payload.Trend));
        var id = rules.Single(r => r.Rule == "id_not_null");
        Assert.Equal((0, (DateTimeOffset?)null, 0, false, HistoryAnalysis.Steady), (id.ConsecutiveFailures, id.FirstFailedAt, id.Flips, id.Flapping, id.Trend));
        Assert.Equal(["NotNull", "error", "events"], new[] { id.Kind, id.Severity, id.Dataset });

        // Narrowed reads: the rule, the time, the last runs.
        var narrowed = await Read(policy, new HistoryQuery(policy.Name, "events", "id_not_null", M.Now.AddDays(2)));
        Assert.Equal(2, narrowed.Count);
        Assert.All(narrowed, r => Assert.Equal("id_not_null", Assert.Single(r.Records).Rule));
        Assert.Equal(M.Now.AddDays(3), Assert.Single(await Read(policy, new HistoryQuery(policy.Name, Runs: 1))).RunAt);
        Assert.Empty(await Read(policy, new HistoryQuery("another-policy")));
    }

    [Fact]
    public async Task A_run_cut_short_while_appending_is_left_out_and_never_harms_the_runs_around_it()
    {
        var policy = Policy(new HistoryModel("archive", "path", "runs.jsonl"));
        await RunAt(policy, 0);
        var file = Path.Combine(dir.Archive, "runs.jsonl");
        var lines = File.ReadAllLines(file);
        Assert.Equal(3, lines.Length); // two rules, then the run record
        // A crash mid-append: the first records of a run, without its run record, and half a line.
        var otherRun = System.Text.RegularExpressions.Regex.Replace(lines[0], "\"run_id\":\"[^\"]+\"", "\"run_id\":\"cut-short\"");
        File.AppendAllText(file, otherRun + "\n" + lines[1][..40]);
        Assert.Single(await Read(policy));

        await RunAt(policy, 2);
        var runs = await Read(policy);
        Assert.Equal([M.Now, M.Now.AddDays(2)], runs.Select(r => r.RunAt));
        Assert.All(runs, r => Assert.Equal(2, r.Records.Count));
        // Both runs' lines and the cut-short run's one whole line; the half line was ended before the second run's first line.
        Assert.Equal(3 + 1 + 3, File.ReadAllLines(file).Count(l => l.StartsWith('{') && l.EndsWith('}')));
        Assert.Equal(lines[1][..40], File.ReadAllLines(file)[4]);
    }

    [Fact]
    public async Task A_history_that_cannot_be_kept_stops_the_run_before_anything_runs()
    {
        File.WriteAllText(Path.Combine(dir.Path, "archive"), "a file where the folder store's folder should be");
        var report = await RunAt(Policy(new HistoryModel("archive", "path", "runs.jsonl")), 0);
        Assert.StartsWith("history: ", Assert.Single(report.Errors), StringComparison.Ordinal);
        Assert.Empty(report.Rules);
        Assert.Equal(2, report.ExitCode);
    }

    [Fact]
    public async Task Retention_and_the_run_itself_are_recorded_with_their_details()
    {
        var policy = M.DuckDbPolicy([M.Dataset("events", "events", "id", [M.Rule("id_not_null", RuleKind.NotNull, "id")], M.Retention())])
            with { History = new HistoryModel("db", "table", "policylang_history") };
        var report = await RunAt(policy, 0);
        Assert.Equal(12, report.Retention.Single().Deleted);

        var run = Assert.Single(await Read(policy));
        var retention = run.Records.Single(r => r.Entry == HistoryEntry.Retention);
        Assert.Equal(("[retention]", HistoryStatus.Passed, 12L), (retention.Rule, retention.Status, retention.Violations));
        Assert.Contains("\"deleted\":12", retention.Details, StringComparison.Ordinal);
        Assert.Equal((HistoryStatus.Passed, 0L, 1L), (run.Run!.Status, run.Run.Violations, run.Run.Total));
        Assert.Contains("\"durationSeconds\":", run.Run.Details, StringComparison.Ordinal);
        Assert.Equal(1, dir.Scalar("SELECT count(*) FROM policylang_history WHERE entry = 'run' AND run_id IS NOT NULL"));
    }
}
