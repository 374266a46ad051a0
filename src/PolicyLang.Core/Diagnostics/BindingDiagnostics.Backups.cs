namespace PolicyLang.Core.Diagnostics;

/// <summary>Binding diagnostics of a backup's evidence (<c>evidence in store prefix "..."</c>): GOV0135–GOV0139.</summary>
public static partial class BindingDiagnostics
{
    public static readonly DiagnosticDescriptor BackupEvidenceStoreCannotHold = new(
        "GOV0135",
        DiagnosticSeverity.Error,
        "Backup evidence store cannot hold copies",
        "A backup's `evidence in <store> prefix \"...\"` names where its copies land, so the runner can check the newest copy's age against the schedule and the oldest against `retain`. Copies are objects, so the store is an `s3` or `folder` store.",
        "backup db {\n  covers research\n  every week keep 4\n  evidence in research prefix \"backups/\"\n}");

    public static readonly DiagnosticDescriptor BackupEvidenceNotPrefix = new(
        "GOV0136",
        DiagnosticSeverity.Error,
        "Backup evidence must be a prefix",
        "The runner judges a backup's copies by the last-modified time of the objects under a prefix: `evidence in <s3 or folder store> prefix \"backups/db/\"`. A table or collection of backup records is not read.",
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
}
