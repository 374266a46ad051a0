namespace PolicyLang.Runtime.Stores;

/// <summary>
/// The instants a database engine returns for a backup record table's oldest and newest time, read as seconds since the Unix
/// epoch: the engines compute them (a time without a zone, and a date at midnight, count as UTC), so every store judges alike.
/// </summary>
public static class BackupRecordTimes
{
    /// <summary>The span of <paramref name="count"/> records whose oldest and newest times are <paramref name="oldest"/> and <paramref name="newest"/> epoch seconds.</summary>
    public static CopySpan Span(long count, object? oldest, object? newest) =>
        count == 0 ? new CopySpan(0, null, null) : new CopySpan(count, Instant(oldest), Instant(newest));

    private static DateTimeOffset? Instant(object? epochSeconds) => epochSeconds switch
    {
        null or DBNull => null,
        IConvertible seconds => DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(Convert.ToDouble(seconds, System.Globalization.CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond)),
        _ => throw new RunException($"a backup record time came back as {epochSeconds.GetType().Name}, not a number of seconds"),
    };

    /// <summary>"the column 'finished_at' of 'ops.backups' in store 'db' is not a time (...)": for an engine's type error.</summary>
    public static string NotATime(string store, string table, string column, string detail) =>
        $"store '{store}': the backup records' column '{column}' of '{table}' must hold a timestamp or a date ({detail})";
}
