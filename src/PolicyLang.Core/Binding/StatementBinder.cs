using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

/// <summary><c>audit</c>, <c>backup</c>, <c>controls</c>, <c>approval</c> and <c>change</c>: the policy's statements about itself.</summary>
internal static class StatementBinder
{
    private static readonly Dictionary<string, ApprovalStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["approved"] = ApprovalStatus.Approved,
        ["pending"] = ApprovalStatus.Pending,
        ["rejected"] = ApprovalStatus.Rejected,
    };

    public static AuditSymbol BindAudit(BindingContext ctx, AuditDeclarationSyntax audit)
    {
        StoreSymbol? store = null;
        string? table = null;
        PolicyDuration? retain = null;
        var storeWritten = false;
        foreach (var setting in ctx.FirstOfEachKeyword(audit.Settings, "the audit"))
        {
            var keyword = setting.Keyword.Name;
            switch (keyword)
            {
                case "store" when setting.Values[0] is WordValueSyntax name:
                    storeWritten = true;
                    store = ctx.ResolveStore(name.Word);
                    break;
                case "table":
                    table = (setting.Values[0] as StringValueSyntax)?.Value;
                    break;
                case "retain":
                    retain = ValueBinder.Duration(ctx, setting.Values[0]);
                    break;
            }
        }

        if (!storeWritten && !audit.IsIncomplete())
        {
            ctx.Report(BindingDiagnostics.AuditStoreMissing, DeclarationBinder.Keyword(audit, "audit"), "`audit` needs the store that records enforcement actions: `store <name>`");
        }
        else if (store is { Kind: StoreKind.Postgres or StoreKind.DuckDb } && table is null && !audit.IsIncomplete())
        {
            ctx.Report(BindingDiagnostics.AuditTableMissing, DeclarationBinder.Keyword(audit, "audit"), $"`audit` in {Names.Article(store.KindName)} `{store.KindName}` store needs `table \"name\"`");
        }

        return new AuditSymbol(store, table, retain, audit.Settings.Any(s => s.Keyword.Name == "tamper-evident"), ctx.Locate(audit));
    }

    public static BackupSymbol BindBackup(BindingContext ctx, BackupDeclarationSyntax backup)
    {
        Names.CheckDeclared(ctx, backup.Name, "backup");
        var covers = new List<StoreSymbol>();
        var schedules = new List<BackupSchedule>();
        string? tool = null, encryption = null, encryptionKey = null;
        PolicyDuration? retain = null;
        StoreSymbol? offsite = null;
        SourceLocation? offsiteAt = null;
        BackupEvidence? evidence = null;
        SchedulePeriod? restoreTest = null;
        // `every` may repeat: one line per schedule.
        foreach (var setting in ctx.FirstOfEachKeyword(backup.Settings, $"backup `{backup.Name.Name}`", "every"))
        {
            var keyword = setting.Keyword.Name;
            switch (keyword)
            {
                case "covers":
                    covers.AddRange(setting.Values.OfType<WordValueSyntax>()
                        .Select(w => ctx.ResolveStore(w.Word))
                        .OfType<StoreSymbol>());
                    break;
                case "tool":
                    tool = (setting.Values[0] as StringValueSyntax)?.Value;
                    break;
                case "every":
                    var period = ValueBinder.Period(ctx, setting.Values[0]);
                    var keep = ValueBinder.Count(ctx, setting.Values[1], 1, "`keep`");
                    if (period is { } p && keep is { } n)
                    {
                        schedules.Add(new BackupSchedule(p, n, ctx.Locate(setting)));
                    }

                    break;
                case "retain":
                    retain = ValueBinder.Duration(ctx, setting.Values[0]);
                    break;
                case "offsite" when setting.Values[0] is WordValueSyntax name:
                    offsite = ctx.ResolveStore(name.Word);
                    offsiteAt = ctx.Locate(setting);
                    break;
                case "evidence":
                    evidence = BackupEvidenceBinder.Bind(ctx, setting);
                    break;
                case "encryption":
                    var bound = ValueBinder.Encryption(ctx, setting);
                    (encryption, encryptionKey) = (bound?.Method, bound?.Key);
                    break;
                case "restore-test":
                    restoreTest = ValueBinder.Period(ctx, setting.Values[0]);
                    break;
            }
        }

        BackupEvidenceBinder.CheckJudgeable(ctx, backup, evidence, schedules.Count > 0, retain is not null);
        return new BackupSymbol(backup.Name.Name, covers, tool, schedules, retain, offsite, encryption, restoreTest, ctx.Locate(backup))
        {
            EncryptionKey = encryptionKey,
            OffsiteLocation = offsiteAt,
            Evidence = evidence,
        };
    }

    public static ControlsSymbol BindControls(BindingContext ctx, ControlsDeclarationSyntax controls)
    {
        var required = new List<SafeguardReference>();
        var evidence = new List<EvidenceSymbol>();
        var waivers = new List<WaiverSymbol>();
        foreach (var statement in controls.Statements)
        {
            switch (statement)
            {
                case RequireSyntax require:
                    required.AddRange(require.Safeguards.Select(id => new SafeguardReference(id.Id, ctx.Locate(id))));
                    break;
                case EvidenceSyntax e:
                    evidence.Add(new EvidenceSymbol(e.Safeguard.Id, e.Text.Value, ctx.Locate(e)));
                    break;
                case WaiveSyntax waive when BindWaiver(ctx, waive) is { } waiver:
                    waivers.Add(waiver);
                    break;
            }
        }

        return new ControlsSymbol(controls.Framework.Name, required, evidence, waivers, ctx.Locate(controls));
    }

    private static WaiverSymbol? BindWaiver(BindingContext ctx, WaiveSyntax waive)
    {
        if (waive.Reason is null || waive.Reason.Value.Trim().Length == 0 || waive.Until is null)
        {
            var missing = waive.Reason is null || waive.Reason.Value.Trim().Length == 0
                ? waive.Until is null ? "a reason and an end date" : "a reason"
                : "an end date";
            ctx.Report(BindingDiagnostics.IncompleteWaiver, waive, $"the waiver of `{waive.Safeguard.Id}` needs {missing}: `waive {waive.Safeguard.Id} \"reason\" until yyyy-mm-dd`");
            if (waive.Until is { } date)
            {
                ValueBinder.Date(ctx, date);
            }

            return null;
        }

        if (ValueBinder.Date(ctx, waive.Until) is not { } until)
        {
            return null;
        }

        // An expired waiver is the Controls stage's error (GOV0403): it knows whether the safeguard is otherwise covered.
        return new WaiverSymbol(waive.Safeguard.Id, waive.Reason.Value, until, ctx.Locate(waive));
    }

    public static ApprovalSymbol? BindApproval(BindingContext ctx, ApprovalDeclarationSyntax approval)
    {
        var date = ValueBinder.Date(ctx, approval.Date);
        var word = approval.Status.Name;
        if (!Statuses.TryGetValue(word, out var status))
        {
            ctx.Report(BindingDiagnostics.InvalidApprovalStatus, approval.Status, $"`{word}` is not an approval status{Names.HintOrAllowed(word, Statuses.Keys)}");
            return null;
        }

        return date is { } d
            ? new ApprovalSymbol(approval.Reviewer.Value, approval.Role.Value, d, status, approval.Comment?.Value, ctx.Locate(approval))
            : null;
    }

    public static ChangeSymbol? BindChange(BindingContext ctx, ChangeDeclarationSyntax change) =>
        ValueBinder.Date(ctx, change.Date) is { } date
            ? new ChangeSymbol(change.Version.Value, date, change.Author.Value, change.Description.Value, ctx.Locate(change))
            : null;
}
