namespace PolicyLang.Runtime.History;

/// <summary>One complete run read back from the history: its run record (when written) and its other records.</summary>
public sealed record HistoryRun(string? RunId, DateTimeOffset RunAt, HistoryRecord? Run, IReadOnlyList<HistoryRecord> Records);

/// <summary>Groups history records into runs.</summary>
public static class HistoryRuns
{
    /// <summary>
    /// The complete runs among <paramref name="records"/>, oldest first: records of a run whose <see cref="HistoryEntry.Run"/> record is
    /// missing (a write cut short) are left out. Rows written before runs had ids (the PostgreSQL results table of earlier versions) are
    /// grouped by their run time and are complete by definition.
    /// </summary>
    public static IReadOnlyList<HistoryRun> Of(IEnumerable<HistoryRecord> records)
    {
        var runs = new List<HistoryRun>();
        foreach (var group in records.GroupBy(r => r.RunId ?? "\0" + r.RunAt.UtcTicks))
        {
            var list = group.ToList();
            var run = list.FirstOrDefault(r => r.Entry == HistoryEntry.Run);
            var legacy = list[0].RunId is null;
            if (run is null && !legacy)
            {
                continue;
            }

            runs.Add(new HistoryRun(list[0].RunId, list[0].RunAt, run, [.. list.Where(r => r.Entry != HistoryEntry.Run)]));
        }

        return [.. runs.OrderBy(r => r.RunAt).ThenBy(r => r.RunId, StringComparer.Ordinal)];
    }

    /// <summary>The last <paramref name="count"/> runs (all when null).</summary>
    public static IReadOnlyList<HistoryRun> Last(IReadOnlyList<HistoryRun> runs, int? count) =>
        count is { } n && runs.Count > n ? [.. runs.Skip(runs.Count - n)] : runs;
}
