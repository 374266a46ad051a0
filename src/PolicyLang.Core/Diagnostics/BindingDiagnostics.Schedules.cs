namespace PolicyLang.Core.Diagnostics;

/// <summary>Binding diagnostics of <c>schedule</c> statements on the policy or a dataset (GOV0131–GOV0134; docs/operations.md "Schedules").</summary>
public static partial class BindingDiagnostics
{
    public static readonly DiagnosticDescriptor InvalidCron = new(
        "GOV0131",
        DiagnosticSeverity.Error,
        "Invalid cron expression",
        "`schedule` takes a five-field cron expression, minute hour day-of-month month day-of-week (`\"30 2 * * *\"`: 02:30 every day), or a macro such as `@daily`. Fields take numbers, `*`, ranges `1-5`, lists `1,15`, steps `*/10`, and month and day names (`jan`, `mon`). It is checked with the Cronos library; seconds are not supported.",
        "dataset logs in research table \"logs\" { schedule \"30 25 * * *\" }");

    public static readonly DiagnosticDescriptor UnknownTimeZone = new(
        "GOV0132",
        DiagnosticSeverity.Error,
        "Unknown time zone",
        "`schedule \"...\" in \"Zone\"` takes an IANA time zone id known to the machine's time zone database (`Europe/Berlin`, `America/New_York`, `UTC`); Kubernetes, systemd and the runner all read IANA ids. Windows ids (`W. Europe Standard Time`) are not accepted. Without `in`, schedules are in UTC.",
        "dataset logs in research table \"logs\" { schedule \"30 2 * * *\" in \"Europe/Berln\" }");

    public static readonly DiagnosticDescriptor NonPortableSchedule = new(
        "GOV0133",
        DiagnosticSeverity.Warning,
        "Schedule not portable",
        "The expression is valid cron, but not every scheduler runs it the same way: `L`, `W` and `#` are Quartz extensions that Kubernetes and GitHub Actions reject, and when both day-of-month and day-of-week are restricted, standard cron (Kubernetes, GitHub Actions) runs on days matching either, while systemd timers need both. `policyc schedule` refuses the targets that cannot run it as written. Restrict one of the two day fields, or write two schedules.",
        "dataset logs in research table \"logs\" { schedule \"0 3 1 * mon\" }");

    public static readonly DiagnosticDescriptor FrequentSchedule = new(
        "GOV0134",
        DiagnosticSeverity.Warning,
        "Schedule more frequent than every 5 minutes",
        "GitHub Actions runs scheduled workflows at most every 5 minutes, and a run that checks and archives whole datasets rarely finishes faster; Kubernetes (concurrencyPolicy Forbid) and systemd skip runs while one is still going. Schedule policy runs every 5 minutes or less often.",
        "dataset logs in research table \"logs\" { schedule \"*/2 * * * *\" }");
}
