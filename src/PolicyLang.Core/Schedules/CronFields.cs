using System.Globalization;

namespace PolicyLang.Core.Schedules;

/// <summary>
/// A five-field cron expression (minute hour day-of-month month day-of-week) read into the values each field matches,
/// macros (<c>@daily</c>) expanded and names (<c>jan</c>, <c>mon</c>) and day-of-week 7 turned into numbers. The job
/// writers render it for Kubernetes, systemd and GitHub Actions from these sets, so every target runs what was written.
/// Cronos has already accepted the text; <see cref="Read"/> refuses what no target can express (<c>L</c>, <c>W</c>, <c>#</c>).
/// </summary>
public sealed record CronFields(CronField Minute, CronField Hour, CronField DayOfMonth, CronField Month, CronField DayOfWeek)
{
    private static readonly Dictionary<string, string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
        ["@every_minute"] = "* * * * *",
    };

    private static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    /// <summary>Both day fields are restricted: standard cron (Kubernetes, GitHub Actions) runs when either matches, systemd only when both do.</summary>
    public bool RestrictsBothDays => !DayOfMonth.IsFull && !DayOfWeek.IsFull;

    /// <summary>Reads <paramref name="expression"/>; null, with the reason in <paramref name="problem"/>, when it is not five plain fields.</summary>
    public static CronFields? Read(string expression, out string? problem)
    {
        var text = expression.Trim();
        if (Macros.TryGetValue(text, out var expanded))
        {
            text = expanded;
        }

        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5)
        {
            problem = "a cron expression has five fields: minute hour day-of-month month day-of-week";
            return null;
        }

        var fields = new CronField?[5];
        var unsupported = new List<string>();
        (int Min, int Max, string[]? Names)[] ranges = [(0, 59, null), (0, 23, null), (1, 31, null), (1, 12, MonthNames), (0, 7, DayNames)];
        for (var i = 0; i < 5; i++)
        {
            fields[i] = CronField.Read(parts[i], ranges[i].Min, ranges[i].Max, ranges[i].Names, i == 4, unsupported);
            if (fields[i] is null && unsupported.Count == 0)
            {
                problem = $"cannot read the field `{parts[i]}`";
                return null;
            }
        }

        if (unsupported.Count > 0)
        {
            problem = string.Join("; ", unsupported.Distinct());
            return null;
        }

        problem = null;
        return new CronFields(fields[0]!, fields[1]!, fields[2]!, fields[3]!, fields[4]!);
    }

    /// <summary>The expression in plain numeric cron (what Kubernetes and GitHub Actions read): <c>*/15 2-4 * * 1-5</c>.</summary>
    public override string ToString() => string.Join(' ', Minute.ToCron(), Hour.ToCron(), DayOfMonth.ToCron(), Month.ToCron(), DayOfWeek.ToCron());

    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The values one cron field matches, within its range (<see cref="Min"/>..<see cref="Max"/>).</summary>
public sealed record CronField(IReadOnlyList<int> Values, int Min, int Max)
{
    public bool IsFull => Values.Count == Max - Min + 1;

    internal static CronField? Read(string text, int min, int max, string[]? names, bool dayOfWeek, List<string> unsupported)
    {
        var values = new SortedSet<int>();
        foreach (var item in text.Split(','))
        {
            if (item.IndexOfAny(['L', 'l', 'W', 'w', '#']) >= 0 && !IsName(item, names))
            {
                unsupported.Add($"`{item}` (`L`, `W` and `#` are Quartz extensions that Kubernetes and GitHub Actions do not run)");
                continue;
            }

            var slash = item.Split('/');
            var step = 1;
            if (slash.Length > 2 || (slash.Length == 2 && (!int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)))
            {
                return null;
            }

            int low, high;
            if (slash[0] is "*" or "?")
            {
                (low, high) = (min, dayOfWeek ? 6 : max);
            }
            else
            {
                var dash = slash[0].Split('-');
                if (dash.Length > 2 || Value(dash[0], names, min) is not { } from)
                {
                    return null;
                }

                low = from;
                high = dash.Length == 2 ? Value(dash[1], names, min) ?? -1 : slash.Length == 2 ? max : from;
                if (high < low || low < min || high > max)
                {
                    return null;
                }
            }

            for (var v = low; v <= high; v += step)
            {
                values.Add(dayOfWeek && v == 7 ? 0 : v);
            }
        }

        return unsupported.Count > 0 ? null : new CronField([.. values], min, dayOfWeek ? 6 : max);
    }

    private static bool IsName(string item, string[]? names) =>
        names is not null && item.Split('-', '/').All(part => part.All(char.IsDigit) || part == "*" || names.Contains(part.ToLowerInvariant()));

    private static int? Value(string text, string[]? names, int min)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        var index = names is null ? -1 : Array.IndexOf(names, text.ToLowerInvariant());
        return index < 0 ? null : index + min;
    }

    /// <summary>The field in numeric cron: <c>*</c>, <c>*/15</c>, <c>5-59/10</c>, <c>1-5</c>, <c>0,30</c>.</summary>
    public string ToCron() => Render("*", "-", start => start == Min ? "*" : $"{CronFields.Number(start)}-{CronFields.Number(Max)}", CronFields.Number);

    /// <summary>
    /// The field in the notation of <paramref name="full"/> (the whole range), <paramref name="range"/> (<c>-</c> or <c>..</c>), an
    /// arithmetic run to the end of the range (<paramref name="from"/>, before <c>/step</c>) and single values (<paramref name="name"/>).
    /// </summary>
    internal string Render(string full, string range, Func<int, string> from, Func<int, string> name)
    {
        if (IsFull)
        {
            return full;
        }

        if (Values.Count >= 3 && Values[1] - Values[0] > 1 && Step(Values) is { } step && Values[^1] + step > Max)
        {
            return $"{from(Values[0])}/{CronFields.Number(step)}";
        }

        var parts = new List<string>();
        for (var i = 0; i < Values.Count;)
        {
            var j = i;
            while (j + 1 < Values.Count && Values[j + 1] == Values[j] + 1)
            {
                j++;
            }

            parts.Add(j - i >= 2 ? $"{name(Values[i])}{range}{name(Values[j])}" : string.Join(",", Values.Skip(i).Take(j - i + 1).Select(name)));
            i = j + 1;
        }

        return string.Join(",", parts);
    }

    private static int? Step(IReadOnlyList<int> values)
    {
        var step = values[1] - values[0];
        for (var i = 2; i < values.Count; i++)
        {
            if (values[i] - values[i - 1] != step)
            {
                return null;
            }
        }

        return step;
    }
}
