using PolicyLang.Core.Binding.Model;

namespace PolicyLang.Core.Schedules;

/// <summary>
/// A cron schedule as a systemd <c>OnCalendar=</c> value that fires at exactly the same minutes: <c>30 2 * * 1-5</c> in
/// Europe/Berlin is <c>Mon..Fri *-*-* 02:30:00 Europe/Berlin</c>. What OnCalendar cannot say is refused, never approximated.
/// </summary>
public static class OnCalendar
{
    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    public static string From(ScheduleSymbol schedule)
    {
        var fields = schedule.Fields ?? throw new UntranslatableScheduleException(
            $"schedule {schedule} ({schedule.Location}) uses a Quartz extension (`L`, `W`, `#`) that has no exact systemd OnCalendar form");
        if (fields.RestrictsBothDays)
        {
            throw new UntranslatableScheduleException(
                $"schedule {schedule} ({schedule.Location}) restricts both day-of-month and day-of-week: cron runs on days matching either, "
                + "systemd OnCalendar only on days matching both; write the two conditions as two schedules (datasets) or restrict one day field");
        }

        var weekday = fields.DayOfWeek.IsFull ? null : fields.DayOfWeek.Render("*", "..", d => Days[d], d => Days[d]);
        var date = $"*-{Component(fields.Month)}-{Component(fields.DayOfMonth)}";
        var time = $"{Component(fields.Hour)}:{Component(fields.Minute)}:00";
        return string.Join(' ', new[] { weekday, date, time, schedule.TimeZone }.OfType<string>());
    }

    private static string Component(CronField field) =>
        field.Render("*", "..", start => Two(start), Two);

    private static string Two(int value) => value.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
}
