namespace PolicyLang.Runtime.History;

/// <summary>Which history to read: one policy's records, optionally narrowed; <see cref="Runs"/> keeps the last runs only.</summary>
/// <param name="Policy">The policy's identity.</param>
/// <param name="Dataset">Only this dataset's records (the run records are always read).</param>
/// <param name="Rule">Only this rule's (or bracketed step's) records.</param>
/// <param name="Since">Only runs at or after this time.</param>
/// <param name="Runs">Only the last this many runs (null: all).</param>
public sealed record HistoryQuery(string Policy, string? Dataset = null, string? Rule = null, DateTimeOffset? Since = null, int? Runs = null)
{
    /// <summary>Whether a record read from a store matches the query (stores narrow what they can on the server; this is the final word).</summary>
    public bool Matches(HistoryRecord r) =>
        r.Policy == Policy
        && (Since is null || r.RunAt >= Since)
        && (r.Entry == HistoryEntry.Run || ((Dataset is null || r.Dataset == Dataset) && (Rule is null || r.Rule == Rule)));
}
