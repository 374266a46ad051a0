using PolicyLang.Core.Docs;
using PolicyLang.Runtime.History;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Running;

namespace PolicyLang.Cli;

/// <summary>
/// Reads the run history the HTML report charts (<c>policyc docs --html --history</c>) through the runtime's one history reader
/// (<see cref="HistoryLog"/>): the policy's <c>history</c> block on any store, else, as before history blocks existed, the results
/// table (<c>governance.check_results</c>) of each PostgreSQL store holding datasets.
/// </summary>
internal static class RunHistoryReader
{
    /// <summary>Runs per dataset in a chart.</summary>
    public const int Runs = 30;

    private const string LegacyTable = "governance.check_results";

    public static RunHistory NotRead() =>
        RunHistory.None("No run history was read, so there are no trend charts: `policyc docs --html --history` reads the last runs from the policy's `history` block (or the results table governance.check_results of its PostgreSQL stores).");

    public static async Task<RunHistory> ReadAsync(string path, string? today, CancellationToken ct)
    {
        var (policy, baseDirectory) = EnforcementHost.Load(path, today);
        var model = policy.Model;
        var options = new RunOptions { BaseDirectory = baseDirectory };
        var targets = model.History is { } history
            ? [history]
            : model.Stores.Where(s => s.Kind == "postgres" && model.Datasets.Any(d => d.Store == s.Name)).Select(s => new HistoryModel(s.Name, "table", LegacyTable)).ToList();

        var trends = new List<DatasetTrend>();
        foreach (var target in targets)
        {
            var runs = await HistoryLog.ReadAsync(policy, options, new HistoryQuery(model.Name), ct, target);
            var datasets = model.Datasets.Where(d => model.History is not null || d.Store == target.Store).Select(d => d.Name);
            trends.AddRange(datasets.Select(d => Trend(d, runs)).OfType<DatasetTrend>());
        }

        if (model.History is { } kept)
        {
            var kind = model.Stores.First(s => s.Name == kept.Store).Kind;
            return new RunHistory(trends, $"The last {Runs} runs per dataset, from the run history in {kind} store {kept.Store} ({kept.LocationKind} {kept.Location}).");
        }

        var others = model.Datasets.Where(d => targets.All(t => t.Store != d.Store))
            .Select(d => $"{d.Name} ({model.Stores.First(s => s.Name == d.Store).Kind})").ToList();
        var note = targets.Count == 0
            ? "The policy has no `history` block and no dataset in a PostgreSQL store (whose results table keeps a history without one): no trend charts."
            : $"The last {Runs} runs per dataset, from the results history ({LegacyTable}) of store{(targets.Count == 1 ? string.Empty : "s")} {string.Join(", ", targets.Select(t => t.Store))}."
              + (others.Count == 0 ? string.Empty : $" No history is kept for {string.Join(", ", others)}: no chart.");
        return new RunHistory(trends, note);
    }

    /// <summary>The dataset's last runs that checked rules: violations summed, rules passed and checked.</summary>
    private static DatasetTrend? Trend(string dataset, IReadOnlyList<HistoryRun> runs)
    {
        var points = runs
            .Select(run => (run.RunAt, Rules: run.Records.Where(r => r.Entry == HistoryEntry.Rule && r.Dataset == dataset).ToList()))
            .Where(p => p.Rules.Count > 0)
            .Select(p => new RunPoint(p.RunAt, p.Rules.Sum(r => r.Violations), p.Rules.Count(r => r.Status == HistoryStatus.Passed), p.Rules.Count))
            .ToList();
        return points.Count == 0 ? null : new DatasetTrend(dataset, points.Skip(Math.Max(0, points.Count - Runs)).ToList());
    }
}
