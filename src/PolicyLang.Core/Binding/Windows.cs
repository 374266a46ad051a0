using PolicyLang.Core.Binding.Model;

namespace PolicyLang.Core.Binding;

/// <summary>
/// Orders retention windows. Minutes to weeks have a fixed length and months and years a whole number of months, so windows
/// of one kind compare exactly; across kinds a month is 28 to 31 days and a year 365 or 366, and the order must hold for
/// every calendar.
/// </summary>
internal static class Windows
{
    /// <summary>True when <paramref name="a"/> is longer than <paramref name="b"/> on every calendar, false when it is not longer on any, null when that depends on the calendar.</summary>
    public static bool? IsLonger(PolicyDuration a, PolicyDuration b)
    {
        if (IsCalendar(a) == IsCalendar(b))
        {
            return Units(a) > Units(b);
        }

        var (minA, maxA) = Days(a);
        var (minB, maxB) = Days(b);
        if (minA > maxB)
        {
            return true;
        }

        return maxA <= minB ? false : null;
    }

    private static bool IsCalendar(PolicyDuration d) => d.Unit is DurationUnit.Month or DurationUnit.Year;

    /// <summary>Months for calendar windows, minutes for the others.</summary>
    private static long Units(PolicyDuration d) => d.Amount * d.Unit switch
    {
        DurationUnit.Minute => 1L,
        DurationUnit.Hour => 60L,
        DurationUnit.Day => 1440L,
        DurationUnit.Week => 10080L,
        DurationUnit.Month => 1L,
        _ => 12L,
    };

    /// <summary>The shortest and longest the window can be, in days.</summary>
    private static (double Min, double Max) Days(PolicyDuration d)
    {
        if (!IsCalendar(d))
        {
            var days = Units(d) / 1440.0;
            return (days, days);
        }

        var months = Units(d);
        return ((months / 12 * 365) + (months % 12 * 28), (months / 12 * 366) + (months % 12 * 31));
    }
}
