using System.Diagnostics;
using System.Globalization;
using Cronos;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Schedules;
using PolicyLang.Core.Text;
using Xunit;

namespace PolicyLang.Core.Tests.Schedules;

/// <summary>
/// The cron → systemd OnCalendar translation is exact: for each expression, the next runs systemd computes
/// (`systemd-analyze calendar --iterations`) are the runs Cronos computes from the cron text, zone included.
/// </summary>
public sealed class OnCalendarTests
{
    [Theory]
    [InlineData("30 2 * * *", null, "*-*-* 02:30:00")]
    [InlineData("30 2 * * *", "Europe/Berlin", "*-*-* 02:30:00 Europe/Berlin")]
    [InlineData("*/15 6-22 * * mon-fri", null, "Mon..Fri *-*-* 06..22:00/15:00")]
    [InlineData("5-59/10 * * * *", null, "*-*-* *:05/10:00")]
    [InlineData("0 4 1 */3 *", "America/New_York", "*-01/3-01 04:00:00 America/New_York")]
    [InlineData("0,30 9,17 * * 0,6", null, "Sun,Sat *-*-* 09,17:00,30:00")]
    [InlineData("@weekly", null, "Sun *-*-* 00:00:00")]
    [InlineData("15 3 29 2 *", null, "*-02-29 03:15:00")]
    [InlineData("0 12 * jan-mar,dec 7", "Asia/Tokyo", "Sun *-01..03,12-* 12:00:00 Asia/Tokyo")]
    public void Systemd_runs_exactly_when_cron_does(string cron, string? zone, string expected)
    {
        var fields = CronFields.Read(cron, out var problem);
        Assert.True(fields is not null, problem);
        var schedule = new ScheduleSymbol(cron, zone, fields, new SourceLocation(new SourceFile("t.gov", string.Empty), default));
        var calendar = OnCalendar.From(schedule);
        Assert.Equal(expected, calendar);

        const int runs = 40;
        var start = new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);
        var timeZone = zone is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(zone);
        var expression = CronExpression.Parse(cron, CronFormat.Standard);
        var cronos = new List<DateTime>();
        for (var next = expression.GetNextOccurrence(start, timeZone, inclusive: true); next is { } at && cronos.Count < runs; next = expression.GetNextOccurrence(at, timeZone))
        {
            cronos.Add(at);
        }

        Assert.Equal(cronos, Systemd(calendar, start, runs));
    }

    [Theory]
    [InlineData("0 3 1 * mon", "restricts both day-of-month and day-of-week")]
    public void What_OnCalendar_cannot_say_is_refused(string cron, string reason)
    {
        var schedule = new ScheduleSymbol(cron, null, CronFields.Read(cron, out _), new SourceLocation(new SourceFile("t.gov", string.Empty), default));
        var refusal = Assert.Throws<UntranslatableScheduleException>(() => OnCalendar.From(schedule));
        Assert.Contains(reason, refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 0 L * *")]
    [InlineData("0 0 * * 5#3")]
    [InlineData("0 0 15W * *")]
    public void Quartz_extensions_are_not_read(string cron)
    {
        Assert.Null(CronFields.Read(cron, out var problem));
        Assert.Contains("Quartz", problem, StringComparison.Ordinal);
    }

    private static List<DateTime> Systemd(string calendar, DateTime start, int runs)
    {
        // One second before the start: systemd's next elapse is strictly after the base time, Cronos' first is inclusive.
        var info = new ProcessStartInfo("systemd-analyze") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "calendar", $"--iterations={runs}", $"--base-time={start.AddSeconds(-1):yyyy-MM-dd HH:mm:ss} UTC", calendar })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["TZ"] = "UTC";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        return [.. output.Split('\n')
            .Where(l => l.Contains("Next elapse:", StringComparison.Ordinal) || l.Contains("Iter. #", StringComparison.Ordinal))
            .Select(l => DateTime.ParseExact(l[(l.IndexOf(':') + 2)..].Trim()[4..^4], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal))];
    }
}
