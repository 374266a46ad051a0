namespace PolicyLang.Core.Schedules;

/// <summary>
/// A schedule as a GitHub Actions <c>cron</c>: always UTC, never at minute 0. GitHub advises against the top of the hour
/// (load peaks delay or drop runs there), so minutes are moved a few minutes later (never into the next hour), by an offset
/// fixed per job name so jobs of different policies spread out; the workflow says so in a comment. A zone is converted to UTC
/// only when its offset never changes and the days stay the days written; otherwise the schedule is refused.
/// </summary>
public static class GitHubCron
{
    /// <summary>The largest minute shift: runs stay within a quarter of an hour of the written time.</summary>
    public const int MaxShift = 15;

    public sealed record Result(string Cron, int Shift, int UtcOffsetHours);

    public static Result From(ScheduleGroup group)
    {
        var schedule = group.Schedule;
        var fields = schedule.Fields ?? throw new UntranslatableScheduleException(
            $"schedule {schedule} ({schedule.Location}) uses a Quartz extension (`L`, `W`, `#`) that GitHub Actions does not run");
        var offset = UtcOffsetHours(schedule);
        if (offset != 0)
        {
            var shifted = fields.Hour.Values.Select(h => h - offset).ToList();
            var crossesDays = shifted.Any(h => h is < 0 or > 23);
            if (crossesDays && !(fields.DayOfMonth.IsFull && fields.Month.IsFull && fields.DayOfWeek.IsFull))
            {
                throw new UntranslatableScheduleException(
                    $"schedule {schedule} ({schedule.Location}): GitHub Actions runs schedules in UTC, and in UTC some of these runs fall on other days than the ones written; write the schedule in UTC");
            }

            fields = fields with { Hour = new CronField([.. shifted.Select(h => ((h % 24) + 24) % 24).Distinct().Order()], 0, 23) };
        }

        var minutes = fields.Minute.Values;
        var shift = 0;
        if (minutes[0] == 0)
        {
            var room = 59 - minutes[^1];
            if (room < 1)
            {
                throw new UntranslatableScheduleException(
                    $"schedule {schedule} ({schedule.Location}) runs at every minute of the hour, which GitHub Actions does not (at most every 5 minutes, never reliably at minute 0); schedule the GitHub workflow every 5 minutes or less often");
            }

            shift = 1 + (int)(ScheduleGroup.StableHash(group.Name) % (uint)Math.Min(room, MaxShift));
            fields = fields with { Minute = new CronField([.. minutes.Select(m => m + shift)], 0, 59) };
        }

        return new Result(fields.ToString(), shift, offset);
    }

    /// <summary>The zone's fixed offset in whole hours (0 for UTC); refused for zones that change offset or have minutes in it.</summary>
    private static int UtcOffsetHours(Binding.Model.ScheduleSymbol schedule)
    {
        if (schedule.TimeZone is not { } id)
        {
            return 0;
        }

        // The offsets the zone's rules give over years to come (a fixed span: Core reads no clock); past changes do not matter.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
        var offsets = Enumerable.Range(0, 12 * 15)
            .Select(m => zone.GetUtcOffset(new DateTime(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc).AddMonths(m)))
            .Distinct()
            .ToList();
        if (offsets.Count > 1 || offsets[0].Minutes != 0)
        {
            throw new UntranslatableScheduleException(
                $"schedule {schedule} ({schedule.Location}): GitHub Actions runs schedules in UTC, and {id} {(offsets.Count > 1 ? "changes its UTC offset during the year" : "is not a whole number of hours from UTC")}, so no UTC cron runs at these local times all year; write the schedule in UTC for GitHub Actions, or deploy it with --k8s or --systemd, which honour time zones");
        }

        return offsets[0].Hours;
    }
}
