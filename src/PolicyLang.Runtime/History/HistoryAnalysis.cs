namespace PolicyLang.Runtime.History;

/// <summary>One outcome of a rule or step in a run.</summary>
public sealed record HistoryOutcome(DateTimeOffset RunAt, string Status, long Violations, long Total, string? Error);

/// <summary>
/// A rule's (or step's) history: its last outcomes, oldest first, and what they say. <see cref="FirstFailedAt"/> and
/// <see cref="ConsecutiveFailures"/> describe the current failing streak over every run read; <see cref="Flips"/>,
/// <see cref="Flapping"/> and <see cref="Trend"/> the last outcomes shown.
/// </summary>
public sealed record RuleHistory(
    string Dataset,
    string Rule,
    string Entry,
    string Kind,
    string Severity,
    int Runs,
    string LastStatus,
    DateTimeOffset? LastPassedAt,
    DateTimeOffset? FirstFailedAt,
    int ConsecutiveFailures,
    int Flips,
    bool Flapping,
    string Trend,
    IReadOnlyList<HistoryOutcome> Outcomes);

/// <summary>Streaks, flips and trends of each rule over the runs read (docs/history.md "What `policyc history` says").</summary>
public static class HistoryAnalysis
{
    /// <summary>The trend words of <see cref="RuleHistory.Trend"/>.</summary>
    public const string Rising = "rising", Falling = "falling", Steady = "steady", Unknown = "n/a";

    /// <summary>Per rule and step of <paramref name="runs"/> (ordered by dataset, then first appearance), with its last <paramref name="last"/> outcomes.</summary>
    public static IReadOnlyList<RuleHistory> Rules(IReadOnlyList<HistoryRun> runs, int last)
    {
        var series = new Dictionary<(string Dataset, string Rule), List<(HistoryRun Run, HistoryRecord Record)>>();
        foreach (var run in runs)
        {
            foreach (var record in run.Records)
            {
                var key = (record.Dataset, record.Rule);
                if (!series.TryGetValue(key, out var list))
                {
                    series[key] = list = [];
                }

                list.Add((run, record));
            }
        }

        return [.. series.OrderBy(s => s.Key.Dataset, StringComparer.Ordinal).Select(s => Analyse(s.Value, Math.Max(1, last)))];
    }

    private static RuleHistory Analyse(List<(HistoryRun Run, HistoryRecord Record)> all, int last)
    {
        var latest = all[^1].Record;
        var streak = 0;
        for (var i = all.Count - 1; i >= 0 && !all[i].Record.Passing; i--)
        {
            streak++;
        }

        var lastPassed = all.LastOrDefault(a => a.Record.Passing).Run?.RunAt;
        var shown = all.Skip(Math.Max(0, all.Count - last)).Select(a =>
            new HistoryOutcome(a.Run.RunAt, a.Record.Status, a.Record.Violations, a.Record.Total, a.Record.Error)).ToList();
        var flips = 0;
        for (var i = 1; i < shown.Count; i++)
        {
            if (Passing(shown[i]) != Passing(shown[i - 1]))
            {
                flips++;
            }
        }

        return new RuleHistory(
            latest.Dataset, latest.Rule, latest.Entry, latest.Kind, latest.Severity, all.Count, latest.Status, lastPassed,
            streak == 0 ? null : all[all.Count - streak].Run.RunAt, streak, flips,
            Flapping: flips >= 2 && flips * 2 >= shown.Count - 1,
            Trend(shown), shown);
    }

    private static bool Passing(HistoryOutcome o) => new HistoryRecord { Status = o.Status }.Passing;

    /// <summary>
    /// Violations of the newer half of <paramref name="outcomes"/> against the older half (means): rising or falling when they differ
    /// by more than 10% (and by more than half a row), else steady; n/a with fewer than two outcomes.
    /// </summary>
    public static string Trend(IReadOnlyList<HistoryOutcome> outcomes)
    {
        var counted = outcomes.Where(o => o.Status != HistoryStatus.Error).Select(o => (double)o.Violations).ToList();
        if (counted.Count < 2)
        {
            return Unknown;
        }

        var half = counted.Count / 2;
        var older = counted.Take(half).Average();
        var newer = counted.Skip(counted.Count - half).Average();
        // Half a row at least: a change from 0 to 1 violation is a change; from 1000 to 1050 is not.
        var margin = Math.Max(0.5, older * 0.1);
        return newer - older > margin ? Rising : older - newer > margin ? Falling : Steady;
    }
}
