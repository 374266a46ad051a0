using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

/// <summary>
/// A backup's <c>evidence in store prefix "..."</c> (objects in an s3 or folder store) or <c>evidence in db table "..." by column</c>
/// (a backup tool's records of its copies in a database store; a collection in mongodb): where its copies are judged by the
/// runner (GOV0135–GOV0139).
/// </summary>
internal static class BackupEvidenceBinder
{
    public static BackupEvidence? Bind(BindingContext ctx, SettingSyntax setting)
    {
        if (setting.Values is not [WordValueSyntax storeName, WordValueSyntax kind, StringValueSyntax location, ..] || setting.Values.Count > 4)
        {
            return null;
        }

        var column = setting.Values.Count == 4 ? setting.Values[3] as WordValueSyntax : null;
        var store = ctx.ResolveStore(storeName.Word);
        if (store is null)
        {
            return null;
        }

        var expected = DatasetBinder.RowsLocation(store.Kind);
        if (expected is null)
        {
            if (kind.Word.Name != "prefix")
            {
                ctx.Report(BindingDiagnostics.BackupEvidenceNotPrefix, kind, $"the copies in {Names.Article(store.KindName)} `{store.KindName}` store are objects under a prefix, not a {kind.Word.Name}: `evidence in {store.Name} prefix \"backups/\"`");
                return null;
            }

            if (column is not null)
            {
                ctx.Report(BindingDiagnostics.BackupEvidenceNotPrefix, column, $"objects under a prefix are judged by their last-modified time; remove `by {column.Word.Name}`");
                return null;
            }

            return new BackupEvidence(store, location.Value, ctx.Locate(setting));
        }

        if (kind.Word.Name == "prefix")
        {
            ctx.Report(
                BindingDiagnostics.BackupEvidenceStoreCannotHold,
                storeName,
                $"store `{store.Name}` is {Names.Article(store.KindName)} `{store.KindName}` store and cannot hold backup copies; name an `s3` or `folder` store, or the {expected} the backup tool records each copy in: `evidence in {store.Name} {expected} \"{location.Value}\" by finished_at`");
            return null;
        }

        if (kind.Word.Name != expected)
        {
            ctx.Report(BindingDiagnostics.BackupEvidenceNotPrefix, kind, $"{Names.Article(store.KindName)} `{store.KindName}` store keeps records in a {expected}, not a {kind.Word.Name}: `evidence in {store.Name} {expected} \"{location.Value}\" by <column>`");
            return null;
        }

        if (column is null)
        {
            ctx.Report(BindingDiagnostics.BackupRecordsWithoutTime, location, $"name the column holding when each copy was made: `evidence in {store.Name} {expected} \"{location.Value}\" by <column>`");
            return null;
        }

        return new BackupEvidence(store, null, ctx.Locate(setting)) { Records = new BackupRecords(location.Value, column.Word.Name) };
    }

    /// <summary>Evidence the runner cannot judge fully: without a schedule the newest copy's age, without a retention the oldest's.</summary>
    public static void CheckJudgeable(BindingContext ctx, BackupDeclarationSyntax backup, BackupEvidence? evidence, bool scheduled, bool retained)
    {
        if (evidence is null)
        {
            return;
        }

        if (!scheduled)
        {
            ctx.Report(BindingDiagnostics.BackupEvidenceWithoutSchedule, evidence.Location.Span, $"backup `{backup.Name.Name}` gives evidence but no schedule (`every <period> keep <n>`): the age of its newest copy cannot be judged");
        }

        if (!retained)
        {
            ctx.Report(BindingDiagnostics.BackupEvidenceWithoutRetention, evidence.Location.Span, $"backup `{backup.Name.Name}` gives evidence but no `retain`: copies kept longer than intended cannot be found");
        }
    }
}
