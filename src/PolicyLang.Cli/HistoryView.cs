using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using PolicyLang.Runtime.History;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Cli;

/// <summary>What <c>policyc history</c> prints: a table for people, or JSON whose shape is a contract for scripts (docs/history.md).</summary>
internal sealed record HistoryView(
    string Policy, HistoryModel History, string StoreKind, HistoryQuery Query, int Last, IReadOnlyList<HistoryRun> Runs, IReadOnlyList<RuleHistory> Rules)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public string ToJson() => JsonSerializer.Serialize(new
    {
        policy = Policy,
        history = new { store = History.Store, kind = StoreKind, History.LocationKind, History.Location },
        filters = new { dataset = Query.Dataset, rule = Query.Rule, since = Query.Since, last = Last },
        runs = Runs.Count,
        firstRunAt = Runs.Count == 0 ? (DateTimeOffset?)null : Runs[0].RunAt,
        lastRunAt = Runs.Count == 0 ? (DateTimeOffset?)null : Runs[^1].RunAt,
        lastRunStatus = Runs.Count == 0 ? null : Runs[^1].Run?.Status,
        rules = Rules.Select(r => new
        {
            r.Dataset,
            r.Rule,
            r.Entry,
            r.Kind,
            r.Severity,
            r.Runs,
            r.LastStatus,
            r.LastPassedAt,
            r.FirstFailedAt,
            r.ConsecutiveFailures,
            r.Flips,
            r.Flapping,
            r.Trend,
            outcomes = r.Outcomes.Select(o => new { o.RunAt, o.Status, o.Violations, o.Total, o.Error }),
        }),
    }, Json) + "\n";

    public void WriteTable(TextWriter writer)
    {
        var span = Runs.Count == 0 ? "no runs recorded" : $"{Plural(Runs.Count, "run")} from {Time(Runs[0].RunAt)} to {Time(Runs[^1].RunAt)}";
        writer.WriteLine($"policy {Policy}: run history in {StoreKind} store {History.Store} ({History.LocationKind} {History.Location}): {span}");
        if (Rules.Count == 0)
        {
            return;
        }

        writer.WriteLine();
        var rows = new List<string[]> { (string[])["DATASET", "RULE", "LAST", $"LAST {Last} (old → new)", "FAILING", "FLIPS", "TREND", "VIOLATIONS"] };
        rows.AddRange(Rules.Select(r => (string[])
        [
            r.Dataset.Length == 0 ? "-" : r.Dataset,
            r.Rule,
            r.LastStatus,
            string.Concat(r.Outcomes.Select(o => Symbol(o.Status))),
            r.ConsecutiveFailures == 0 ? "-" : $"{Plural(r.ConsecutiveFailures, "run")} since {Time(r.FirstFailedAt!.Value)}",
            r.Flapping ? $"{r.Flips} flapping" : r.Flips.ToString(CultureInfo.InvariantCulture),
            r.Trend,
            string.Join(" ", r.Outcomes.Select(o => o.Status == HistoryStatus.Error ? "?" : o.Violations.ToString(CultureInfo.InvariantCulture))),
        ]));
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (var i = 0; i < row.Length; i++)
            {
                line.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            writer.WriteLine(line.ToString().TrimEnd());
        }

        writer.WriteLine();
        writer.WriteLine("outcomes: . passed  F failed  W warned  E error  I interrupted; violations: ? when the rule could not run");
    }

    private static char Symbol(string status) => status switch
    {
        HistoryStatus.Failed => 'F',
        HistoryStatus.Warned => 'W',
        HistoryStatus.Error => 'E',
        HistoryStatus.Interrupted => 'I',
        _ => '.',
    };

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
