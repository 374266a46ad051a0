namespace PolicyLang.Core.Binding.Model;

/// <summary>
/// <c>schedule "cron" [in "Time/Zone"]</c> on the policy or a dataset: a five-field cron expression (validated with Cronos) and
/// an IANA time zone (null: UTC). <see cref="Fields"/> is the expression read field by field, for the job writers; null when it uses
/// Quartz extensions (<c>L</c>, <c>W</c>, <c>#</c>) that no target runs (warned at check, refused by <c>policyc schedule</c>).
/// </summary>
public sealed record ScheduleSymbol(string Cron, string? TimeZone, Schedules.CronFields? Fields, SourceLocation Location)
{
    /// <summary>The schedule as written: <c>"30 2 * * *" in "Europe/Berlin"</c>.</summary>
    public override string ToString() => TimeZone is null ? BoundLiteral.Quote(Cron) : $"{BoundLiteral.Quote(Cron)} in {BoundLiteral.Quote(TimeZone)}";
}
