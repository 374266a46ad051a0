using System.Data.Common;

namespace PolicyLang.Runtime.History;

/// <summary>
/// Reads a <see cref="HistoryRecord"/> from a store's fields named as in <see cref="HistoryColumns"/>: one mapping for a table
/// row, a MongoDB document and a JSON Lines object, so a new field is added once.
/// </summary>
public static class HistoryFields
{
    private static readonly Dictionary<string, int> Ordinals = HistoryColumns.All.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i);

    /// <summary>
    /// The record of one stored row: <paramref name="text"/>, <paramref name="number"/> and <paramref name="real"/> read a field
    /// by name (null or 0 when missing). A missing <c>entry</c> (rows written before entries existed) reads as a rule.
    /// </summary>
    public static HistoryRecord Read(DateTimeOffset runAt, Func<string, string?> text, Func<string, long> number, Func<string, double?> real) => new()
    {
        RunId = text("run_id"),
        RunAt = runAt,
        Policy = text("policy") ?? "",
        Dataset = text("dataset") ?? "",
        Entry = text("entry") ?? HistoryEntry.Rule,
        Rule = text("rule") ?? "",
        Kind = text("kind") ?? "",
        Severity = text("severity") ?? "",
        Status = text("status") ?? "",
        Violations = number("violations"),
        Total = number("total"),
        Tolerance = real("tolerance"),
        Error = text("error"),
        Details = text("details"),
        WindowColumn = text("window_column"),
        WindowFrom = text("window_from"),
        WindowTo = text("window_to"),
    };

    /// <summary>
    /// The record of <paramref name="reader"/>'s current row, whose columns are <see cref="HistoryColumns.All"/> in order
    /// (<c>recorded_at</c> may be left out); <c>run_at</c> is a timestamp read as UTC.
    /// </summary>
    public static HistoryRecord Read(DbDataReader reader)
    {
        int At(string name) => Ordinals[name];
        string? Text(string name) => reader.IsDBNull(At(name)) ? null : reader.GetString(At(name));
        return Read(new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(At("run_at")), DateTimeKind.Utc)), Text,
            name => reader.GetInt64(At(name)), name => reader.IsDBNull(At(name)) ? null : reader.GetDouble(At(name)));
    }
}
