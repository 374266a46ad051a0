using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

/// <summary>A backup's <c>evidence in store prefix "..."</c>: where its copies land, judged by the runner (GOV0135–GOV0138).</summary>
internal static class BackupEvidenceBinder
{
    public static BackupEvidence? Bind(BindingContext ctx, SettingSyntax setting)
    {
        if (setting.Values is not [WordValueSyntax storeName, WordValueSyntax kind, StringValueSyntax location])
        {
            return null;
        }

        var store = ctx.ResolveStore(storeName.Word);
        if (kind.Word.Name != "prefix")
        {
            ctx.Report(BindingDiagnostics.BackupEvidenceNotPrefix, kind, $"backup copies are judged as objects under a prefix, not a {kind.Word.Name}: `evidence in <s3 or folder store> prefix \"backups/\"`");
            return null;
        }

        if (store is null)
        {
            return null;
        }

        if (!store.CanHoldArchives)
        {
            ctx.Report(
                BindingDiagnostics.BackupEvidenceStoreCannotHold,
                storeName,
                $"store `{store.Name}` is {Names.Article(store.KindName)} `{store.KindName}` store and cannot hold backup copies; name an `s3` or `folder` store");
            return null;
        }

        return new BackupEvidence(store, location.Value, ctx.Locate(setting));
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
