using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.History;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Running;

/// <summary>
/// Incremental checks (docs/incremental-checks.md): the watermarks read from the policy's history before the checks, and a dataset's
/// rules split into the groups that read the same rows: the whole dataset, or the rows of one watermark column above one watermark.
/// </summary>
internal static class IncrementalChecks
{
    /// <summary>Rules of one dataset that read the same rows.</summary>
    /// <param name="Column">The watermark column; null for the rules that read the whole dataset.</param>
    /// <param name="From">The last successful run's watermark; null on the first run.</param>
    /// <param name="Rules">The rules, in declaration order.</param>
    public sealed record Group(string? Column, string? From, IReadOnlyList<RuleModel> Rules);

    /// <summary>How far back the first read of the history looks: the watermarks of a scheduled policy are almost always there.</summary>
    public static readonly TimeSpan RecentHistory = TimeSpan.FromDays(31);

    /// <summary>
    /// The watermarks of <paramref name="model"/>'s incremental rules; <see cref="Watermarks.None"/> when it has none or keeps no
    /// history (every run is then a first run). Only the runs of the last <see cref="RecentHistory"/> before <paramref name="now"/> are
    /// read, unless a rule has no watermark there (a new rule, a policy run rarely, or nothing new for a month): then the whole history.
    /// A watermark found in the recent runs is the latest one, since every later run is among them.
    /// </summary>
    /// <exception cref="RunException">The history cannot be read.</exception>
    public static async Task<Watermarks> ReadAsync(PolicyModel model, StoreCache stores, DateTimeOffset now, CancellationToken ct)
    {
        var incremental = model.Datasets
            .SelectMany(d => d.Rules.Select(r => (Dataset: d.Name, Rule: r.Name, Column: IncrementalPlan.ColumnOf(r))))
            .Where(k => k.Column is not null)
            .ToList();
        if (model.History is not { } history || incremental.Count == 0)
        {
            return Watermarks.None;
        }

        var store = stores.Get<IHistoryStore>(history.Store, "for the run history");
        try
        {
            var recent = await ReadAsync(store, history, new HistoryQuery(model.Name, Since: now - RecentHistory), ct).ConfigureAwait(false);
            return incremental.All(k => recent.Last(k.Dataset, k.Rule, k.Column!) is not null)
                ? recent
                : await ReadAsync(store, history, new HistoryQuery(model.Name), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RunException and not OperationCanceledException)
        {
            throw new RunException("reading the watermarks of incremental rules: " + PolicyRunner.Describe(ex, store), ex);
        }
    }

    private static async Task<Watermarks> ReadAsync(IHistoryStore store, HistoryModel history, HistoryQuery query, CancellationToken ct) =>
        Watermarks.Of((await store.ReadHistoryAsync(history, query, ct).ConfigureAwait(false)).Where(query.Matches));

    /// <summary>The groups of <paramref name="dataset"/>'s rules: the whole-dataset group first, then one per watermark column and value.</summary>
    public static IReadOnlyList<Group> Groups(DatasetModel dataset, Watermarks watermarks) =>
        dataset.Rules
            .GroupBy(r => IncrementalPlan.ColumnOf(r) is { } column ? (column, watermarks.Last(dataset.Name, r.Name, column)) : (null, null))
            .Select(g => new Group(g.Key.Item1, g.Key.Item2, [.. g]))
            .OrderBy(g => g.Column is null ? 0 : 1)
            .ToList();

    /// <summary>The window of <paramref name="group"/>: its watermark and the highest value above it now; null for the whole dataset.</summary>
    public static async Task<CheckWindow?> WindowAsync(IDataStore store, DatasetModel dataset, Group group, CancellationToken ct)
    {
        if (group.Column is not { } column || store is not IWatermarkSource source)
        {
            return null;
        }

        return new CheckWindow(column, group.From, await source.WatermarkAsync(dataset, column, group.From, ct).ConfigureAwait(false));
    }
}
