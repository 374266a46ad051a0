namespace PolicyLang.Runtime.History;

/// <summary>
/// The watermarks of a policy's incremental rules (docs/incremental-checks.md), read from its run history: per dataset, rule and
/// column, the <see cref="HistoryRecord.WindowTo"/> of the latest successful run that checked new rows. A run is successful when it
/// finished (its <c>run</c> record is there) with exit code 0 or 1 and the rule was evaluated (not <c>error</c>): an interrupted
/// run, a run with errors (exit code 2) or a rule that could not run never advances a watermark, so its rows are checked again.
/// </summary>
public sealed class Watermarks
{
    private readonly Dictionary<(string Dataset, string Rule, string Column), string> _last;

    private Watermarks(Dictionary<(string, string, string), string> last) => _last = last;

    /// <summary>No watermark: every incremental rule runs in full (its first run).</summary>
    public static Watermarks None { get; } = new([]);

    /// <summary>The watermarks kept in <paramref name="records"/> (one policy's history, in any order).</summary>
    public static Watermarks Of(IEnumerable<HistoryRecord> records)
    {
        var last = new Dictionary<(string, string, string), string>();
        foreach (var run in HistoryRuns.Of(records))
        {
            if (run.Run?.Status is not (HistoryStatus.Passed or HistoryStatus.Failed))
            {
                continue;
            }

            foreach (var record in run.Records)
            {
                // A run in which no row was new (WindowTo null) leaves the watermark where it was.
                if (record is { Entry: HistoryEntry.Rule, WindowColumn: { } column, WindowTo: { } to } && record.Status != HistoryStatus.Error)
                {
                    last[(record.Dataset, record.Rule, column)] = to;
                }
            }
        }

        return new Watermarks(last);
    }

    /// <summary>The watermark of <paramref name="rule"/> on <paramref name="column"/>; null when no successful run checked it by that column.</summary>
    public string? Last(string dataset, string rule, string column) => _last.GetValueOrDefault((dataset, rule, column));
}
