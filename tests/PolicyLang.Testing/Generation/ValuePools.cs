using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Differential;

/// <summary>
/// Boundary-rich values per column type: extremes, values equal to the rule operands the generator picks, -0, NaN and
/// infinities, empty and blank strings, combining and astral characters, non-ASCII digits and spaces, trailing newlines,
/// and timestamps one microsecond either side of each <c>fresher than</c> cutoff.
/// </summary>
public static class ValuePools
{
    public static readonly object[] Integers = [int.MinValue, int.MaxValue, -1, 0, 1, 5, 10, 11, 42, 100];

    public static readonly object[] BigInts =
        [long.MinValue, long.MaxValue, long.MaxValue - 1, 9_007_199_254_740_992L, 9_007_199_254_740_993L, -1L, 0L, 1L, 10L, 42L];

    public static readonly object[] Numerics =
        [0m, 0.0001m, 1.5m, 1.50m, 10m, 10.0000000001m, -3.25m, 12_345_678_901_234_567.5m, 9_007_199_254_740_993m, 0.1m, 42.000m];

    public static readonly object[] Doubles =
        [0.0, -0.0, 0.1, 0.30000000000000004, 0.3, 1e300, -1e-300, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 2.5, 10.0, 42.0];

    public static readonly object[] Texts =
    [
        "", " ", "a", "A", "abc", "abc\n", "ABC", "Abc", "z", "\u00e9", "e\u0301", "\U0001F600", "\uFF21", "\u65e5\u672c", "a b", "a\tb",
        "a\u00a0b", "a\u2003b", "a\vb", "\v", "\n", "\u0663\u0664", "123", "12", "x@y.org", "@y.org", "x.y", "xzy", "NL", "nl", "DE",
        "Stra\u00dfe", "word", "a\U0001F600", "\u00e9t\u00e9",
        "2024-02-29", "2023-02-29", "2024-13-01", "2024-1-05", "0000-01-01", "9999-12-31", "2026-06-01T23:59:59", "2026-06-01T24:00:00",
        "31/12/1999", "29/02/1900", "1.5e3", "-0.5", ".5", "5.", "1e", "+", " 42", "{\"a\": [1, 2.5e-3, \"\u00e9\"]}", "[1,", "null", "\"x\"",
        "\u0662\u0660\u0662\u0664-01-01",
    ];

    public static readonly DateOnly[] Dates =
    [
        new(2026, 6, 1), new(2026, 5, 25), new(2026, 5, 26), new(2026, 5, 1), new(2026, 4, 30), new(1970, 1, 1), new(1900, 1, 1),
        new(2999, 12, 31), new(2025, 12, 31), new(2026, 1, 1),
    ];

    /// <summary>The windows of generated <c>fresher than</c> rules.</summary>
    public static readonly Duration[] Windows = [new(30, DurationUnit.Minute), new(7, DurationUnit.Day), new(1, DurationUnit.Month)];

    /// <summary>Instants around every window's cutoff (whole milliseconds, and the exact cutoff at microsecond precision), and fixed ones.</summary>
    public static IReadOnlyList<DateTime> Instants(DateTimeOffset now, bool includeRecent)
    {
        var microsecond = TimeSpan.FromTicks(10);
        var values = new List<DateTime>
        {
            new(2026, 1, 1), new(2025, 12, 31), new DateTime(2025, 12, 31, 23, 59, 59).AddTicks(9_999_990), new(1970, 1, 1), new(2999, 1, 1),
        };
        foreach (var window in Windows)
        {
            var exact = Before(now, window).UtcDateTime;
            var milliseconds = Truncate(exact, TimeSpan.TicksPerMillisecond);
            var microseconds = Truncate(exact, 10);
            values.AddRange([milliseconds, milliseconds - microsecond, milliseconds + microsecond, microseconds, microseconds - microsecond]);
        }

        values.Add(Truncate(now.UtcDateTime, 10));
        var oldest = Before(now, Windows[^1]).UtcDateTime.AddSeconds(-1);
        return values.Where(v => includeRecent || v < oldest).Select(v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified)).ToList();
    }

    /// <summary>now − d in calendar units, as the language defines it (written here, not taken from the runtime).</summary>
    public static DateTimeOffset Before(DateTimeOffset now, Duration d) => d.Unit switch
    {
        DurationUnit.Minute => now.AddMinutes(-d.Amount),
        DurationUnit.Hour => now.AddHours(-d.Amount),
        DurationUnit.Day => now.AddDays(-d.Amount),
        DurationUnit.Week => now.AddDays(-7 * d.Amount),
        DurationUnit.Month => now.AddMonths(-d.Amount),
        _ => now.AddYears(-d.Amount),
    };

    private static DateTime Truncate(DateTime value, long ticks) => new(value.Ticks - value.Ticks % ticks, value.Kind);
}
