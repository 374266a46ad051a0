namespace PolicyLang.Core.Diagnostics;

/// <summary>
/// Binding diagnostics of a backup's evidence (<c>evidence in store prefix "..."</c>, <c>evidence in db table "..." by column</c>):
/// GOV0135–GOV0139.
/// </summary>
public static partial class BindingDiagnostics
{
    public static readonly DiagnosticDescriptor BackupEvidenceStoreCannotHold = new(
        "GOV0135",
        DiagnosticSeverity.Error,
        "Backup evidence store cannot hold copies",
        "A backup's `evidence in <store> prefix \"...\"` names where its copies land, so the runner can check the newest copy's age against the schedule and the oldest against `retain`. Copies are objects, so the store is an `s3` or `folder` store. A database store can instead give the table (a mongodb store the collection) in which the backup tool records each copy: `evidence in research table \"ops.backups\" by finished_at`.",
        "backup db {\n  covers research\n  every week keep 4\n  evidence in research prefix \"backups/\"\n}");

    public static readonly DiagnosticDescriptor BackupEvidenceNotPrefix = new(
        "GOV0136",
        DiagnosticSeverity.Error,
        "Backup evidence location does not fit its store",
        "Where the runner finds a backup's copies depends on the store: objects under a `prefix` in an `s3` or `folder` store (`evidence in archive prefix \"backups/db/\"`), judged by their last-modified time; or the rows of a `table` in a `postgres` or `duckdb` store, the documents of a `collection` in a `mongodb` store, one per copy, judged by the time in the column after `by` (`evidence in research table \"ops.backups\" by finished_at`). A prefix has no `by` column.",
        "backup db {\n  covers research\n  every week keep 4\n  evidence in archive table \"backups\"\n}");

    public static readonly DiagnosticDescriptor BackupEvidenceWithoutSchedule = new(
        "GOV0137",
        DiagnosticSeverity.Warning,
        "Backup evidence without a schedule",
        "A backup gives `evidence in` but no `every <period> keep <n>` schedule, so the age of its newest copy cannot be judged: the run step only reports the copies it finds. Add the schedule the backup tool runs.",
        "backup db {\n  covers research\n  evidence in archive prefix \"backups/\"\n}");

    public static readonly DiagnosticDescriptor BackupEvidenceWithoutRetention = new(
        "GOV0138",
        DiagnosticSeverity.Warning,
        "Backup evidence without a retention",
        "A backup gives `evidence in` but no `retain`, so copies kept longer than intended cannot be found: the run step checks only the newest copy's age. Add `retain <duration>`, the age after which the tool deletes a copy.",
        "backup db {\n  covers research\n  every week keep 4\n  evidence in archive prefix \"backups/\"\n}");

    public static readonly DiagnosticDescriptor BackupRecordsWithoutTime = new(
        "GOV0139",
        DiagnosticSeverity.Error,
        "Backup records without a time column",
        "A table or collection of backup records is judged by when each copy was made: name the column that holds it with `by` (a `timestamptz`, `timestamp` or `date` column; a date in a mongodb document). Without it the runner cannot tell the newest copy from the oldest.",
        "backup db {\n  covers research\n  every week keep 4\n  evidence in research table \"ops.backups\"\n}");
}
