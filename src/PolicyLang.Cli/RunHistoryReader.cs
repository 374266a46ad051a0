using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Docs;
using PolicyLang.Runtime.Postgres;

namespace PolicyLang.Cli;

/// <summary>
/// Reads the run history the HTML report charts (<c>policyc docs --html --history</c>). Only PostgreSQL stores keep one today
/// (<c>governance.check_results</c>, created by <c>policyc init-db</c>); datasets of other stores get no chart, and the report says so.
/// </summary>
internal static class RunHistoryReader
{
    /// <summary>Runs per dataset in a chart.</summary>
    public const int Runs = 30;

    public static RunHistory NotRead() =>
        RunHistory.None("No run history was read, so there are no trend charts: `policyc docs --html --history` reads the last runs from the policy's PostgreSQL stores (governance.check_results).");

    public static async Task<RunHistory> ReadAsync(BoundPolicy policy, CancellationToken ct)
    {
        var trends = new List<DatasetTrend>();
        var read = new List<string>();
        foreach (var store in policy.Stores.Where(s => s.Kind == StoreKind.Postgres && policy.Datasets.Any(d => d.Store == s)))
        {
            var variable = store.Settings.TryGetValue("connection", out var connection) ? connection.EnvironmentVariable : null;
            var value = variable is null ? null : Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(value))
            {
                throw new UsageException($"--history: store '{store.Name}' reads its connection from {variable ?? "its connection setting"}, which is not set");
            }

            var runs = await PostgresResultsReader.ReadAsync(store.Name, value, store.Setting("tls"), policy.Identity, Runs, ct);

            var datasets = policy.Datasets.Where(d => d.Store == store).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
            trends.AddRange(runs.Where(r => datasets.Contains(r.Dataset)).GroupBy(r => r.Dataset).Select(g =>
                new DatasetTrend(g.Key, [.. g.Select(r => new RunPoint(r.RunAt, r.Violations, r.Passed, r.Rules))])));
            read.Add(store.Name);
        }

        var others = policy.Datasets.Where(d => d.Store.Kind != StoreKind.Postgres).Select(d => $"{d.Name} ({d.Store.KindName})").ToList();
        var note = read.Count == 0
            ? "No dataset of this policy is in a PostgreSQL store, the only kind that keeps a run history today: no trend charts."
            : $"The last {Runs} runs per dataset, from the results history (governance.check_results) of store{(read.Count == 1 ? string.Empty : "s")} {string.Join(", ", read)}."
              + (others.Count == 0 ? string.Empty : $" No history is kept for {string.Join(", ", others)}: no chart.");
        return new RunHistory(trends, note);
    }
}
