using Cronos;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Schedules;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

/// <summary>
/// <c>schedule "cron" [in "Time/Zone"]</c>: the expression is checked with Cronos (GOV0131), the zone against the machine's IANA
/// time zone database (GOV0132); what some schedulers would run differently (GOV0133) or too often (GOV0134) is a warning.
/// </summary>
internal static class ScheduleBinder
{
    /// <summary>The shortest interval every target honours (GitHub Actions' limit).</summary>
    private static readonly TimeSpan ShortestInterval = TimeSpan.FromMinutes(5);

    /// <summary>The schedule of <paramref name="setting"/>, or null after reporting why it cannot be used.</summary>
    public static ScheduleSymbol? Bind(BindingContext ctx, SettingSyntax setting)
    {
        // INVARIANT: the grammar gives a schedule its expression and, after `in`, an optional zone, both strings.
        if (setting.Values[0] is not StringValueSyntax cron)
        {
            return null;
        }

        var zone = setting.Values.Count > 1 ? setting.Values[1] as StringValueSyntax : null;
        var expression = Parse(ctx, cron);
        var zoneOk = zone is null || TimeZone(ctx, zone);
        if (expression is null)
        {
            return null;
        }

        var fields = CronFields.Read(cron.Value, out var problem);
        if (fields is null || fields.RestrictsBothDays)
        {
            var what = problem ?? "it restricts both day-of-month and day-of-week: Kubernetes and GitHub Actions run on days matching either, systemd only on days matching both";
            ctx.Report(BindingDiagnostics.NonPortableSchedule, cron, $"schedule `{cron.Value}` is not run the same way by every scheduler: {what}");
        }

        if (ShortestGap(expression) is { } gap && gap < ShortestInterval)
        {
            ctx.Report(BindingDiagnostics.FrequentSchedule, cron, $"schedule `{cron.Value}` runs every {Plural.Of((long)gap.TotalMinutes, "minute")}; GitHub Actions runs schedules at most every 5 minutes");
        }

        return zoneOk ? new ScheduleSymbol(cron.Value, zone?.Value, fields, ctx.Locate(setting)) : null;
    }

    private static CronExpression? Parse(BindingContext ctx, StringValueSyntax cron)
    {
        try
        {
            return CronExpression.Parse(cron.Value, CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            var fields = cron.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            var hint = fields == 6 ? "; seconds are not supported, drop the first field" : fields is > 0 and not 5 && !cron.Value.TrimStart().StartsWith('@') ? $"; it has {fields} fields, cron has five: minute hour day-of-month month day-of-week" : string.Empty;
            ctx.Report(BindingDiagnostics.InvalidCron, cron, $"`{cron.Value}` is not a valid cron expression: {e.Message.TrimEnd('.')}{hint}");
            return null;
        }
    }

    private static bool TimeZone(BindingContext ctx, StringValueSyntax zone)
    {
        try
        {
            var found = TimeZoneInfo.FindSystemTimeZoneById(zone.Value);
            if (found.HasIanaId)
            {
                return true;
            }

            var iana = TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Value, out var id) ? $"; write the IANA id `\"{id}\"`" : string.Empty;
            ctx.Report(BindingDiagnostics.UnknownTimeZone, zone, $"`{zone.Value}` is a Windows time zone id; schedules take IANA ids{iana}");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            var known = TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id);
            ctx.Report(BindingDiagnostics.UnknownTimeZone, zone, $"`{zone.Value}` is not a known IANA time zone{Suggestions.Hint(zone.Value, known)}");
        }

        return false;
    }

    /// <summary>The shortest time between two runs over one week from a fixed day (the binder reads no clock), or null when it runs less than twice.</summary>
    private static TimeSpan? ShortestGap(CronExpression expression)
    {
        var from = new DateTime(2025, 1, 6, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddDays(7);
        TimeSpan? shortest = null;
        DateTime? previous = null;
        for (var next = expression.GetNextOccurrence(from, inclusive: true); next is { } at && at < to; next = expression.GetNextOccurrence(at))
        {
            if (previous is { } p && (shortest is null || at - p < shortest))
            {
                shortest = at - p;
                if (shortest < ShortestInterval)
                {
                    break;
                }
            }

            previous = at;
        }

        return shortest;
    }
}
