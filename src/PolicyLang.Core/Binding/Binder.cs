using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Binding;

/// <summary>
/// Step three: syntax to the checked, name-resolved <see cref="BoundPolicy"/>. All files given
/// together form one policy. Passes, in order (docs/binder.md):
/// 1. declare: policy, classification, roles, stores, dataset outlines (names and stores, so
///    datasets may reference each other in any order and any file);
/// 2. datasets: columns, settings, rules, retention, masks, grants;
/// 3. statements: audit, backups, controls, approvals, changes;
/// 4. tests, which need every dataset's rule names;
/// 5. conflicts between declarations that are each valid (<see cref="ConflictChecks"/>).
/// User errors are reported, never thrown; what cannot be resolved is left out of the model.
/// </summary>
public static class Binder
{
    public static (BoundPolicy Policy, IReadOnlyList<Diagnostic> Diagnostics) Bind(IReadOnlyList<PolicyFileSyntax> files)
    {
        if (files.Count == 0)
        {
            return (Empty, []);
        }

        var ctx = new BindingContext(files[0].File);
        var declarations = files
            .SelectMany(f => f.Declarations.Select(d => (f.File, Declaration: d)))
            .ToList();

        var (header, hasClassification) = DeclarePass(ctx, declarations);

        // Nothing to point at: report at the start of the first file given.
        ctx.File = files[0].File;
        if (header is null && !ctx.IsUnparsed("policy"))
        {
            ctx.Report(BindingDiagnostics.MissingPolicy, new TextSpan(0, 0), "the policy has no `policy \"title\" { ... }` declaration");
        }

        if (!hasClassification && !ctx.IsUnparsed("classification"))
        {
            ctx.Report(BindingDiagnostics.MissingClassification, new TextSpan(0, 0), "the policy has no `classification` declaration: declare its levels, e.g. `classification public < internal < confidential`");
        }

        var datasets = new List<DatasetSymbol>();
        foreach (var (file, dataset) in Each<DatasetDeclarationSyntax>(declarations))
        {
            ctx.File = file;
            // Reference identity: records compare by value, and only this very declaration is the first.
            var isFirst = ctx.Outlines.TryGetValue(dataset.Name.Name, out var outline) && ReferenceEquals(outline.Syntax, dataset);
            var bound = DatasetBinder.Bind(ctx, isFirst ? outline! : DatasetBinder.Outline(ctx, dataset));
            if (isFirst)
            {
                ctx.Datasets.Add(dataset.Name.Name, bound);
                if (bound.Symbol is { } symbol)
                {
                    datasets.Add(symbol);
                }
            }
        }

        var (audit, backups, controls, approvals, changes) = StatementPass(ctx, declarations);

        var tests = new List<TestSymbol>();
        foreach (var (file, test) in Each<TestDeclarationSyntax>(declarations))
        {
            ctx.File = file;
            if (TestBinder.Bind(ctx, test) is { } symbol)
            {
                tests.Add(symbol);
            }
        }

        var policy = new BoundPolicy(
            header, ctx.Levels, [.. ctx.Roles.Values], [.. ctx.Stores.Values], datasets, audit, backups, controls, approvals, changes, tests)
        {
            Unparsed = Unparsed(files),
            History = HistoryBinder.Bind(ctx, declarations, datasets, audit),
        };
        WatermarkBinder.CheckHistory(ctx, policy, Each<DatasetDeclarationSyntax>(declarations));
        return (policy, DiagnosticOrder.Sort([.. ctx.Diagnostics, .. ConflictChecks.Find(policy, declarations, ctx.Diagnostics)]));
    }

    private static readonly BoundPolicy Empty = new(null, [], [], [], [], null, [], null, [], [], []);

    private static IEnumerable<(SourceFile File, T Declaration)> Each<T>(List<(SourceFile File, DeclarationSyntax Declaration)> declarations)
        where T : DeclarationSyntax =>
        declarations.Where(d => d.Declaration is T).Select(d => (d.File, (T)d.Declaration));

    private static (PolicyHeader? Header, bool HasClassification) DeclarePass(BindingContext ctx, List<(SourceFile File, DeclarationSyntax Declaration)> declarations)
    {
        PolicyHeader? header = null;
        var hasClassification = false;
        foreach (var (file, declaration) in declarations)
        {
            ctx.File = file;
            switch (declaration)
            {
                case PolicyDeclarationSyntax policy when header is not null:
                    ctx.Report(BindingDiagnostics.DuplicatePolicy, DeclarationBinder.Keyword(policy, "policy"), $"the policy is already declared at {header.Location}; all files form one policy", header.Location);
                    DeclarationBinder.BindPolicy(ctx, policy);
                    break;
                case PolicyDeclarationSyntax policy:
                    header = DeclarationBinder.BindPolicy(ctx, policy);
                    break;
                case ClassificationDeclarationSyntax classification when hasClassification:
                    ctx.Report(BindingDiagnostics.DuplicateClassification, DeclarationBinder.Keyword(classification, "classification"), $"the classification is already declared at {ctx.Levels.FirstOrDefault()?.Location.ToString() ?? "an earlier line"}", ctx.Levels.FirstOrDefault()?.Location);
                    break;
                case ClassificationDeclarationSyntax classification:
                    hasClassification = true;
                    DeclarationBinder.BindClassification(ctx, classification);
                    break;
                case RoleDeclarationSyntax role:
                    DeclarationBinder.BindRole(ctx, role);
                    break;
                case StoreDeclarationSyntax store:
                    DeclareStore(ctx, store);
                    break;
                case SkippedDeclarationSyntax { Keyword: { } keyword } skipped:
                    RecordUnparsed(ctx, keyword, skipped.Name);
                    break;
            }
        }

        // Outlines need every store, so they follow the loop above.
        foreach (var (file, dataset) in Each<DatasetDeclarationSyntax>(declarations))
        {
            ctx.File = file;
            if (ctx.Outlines.TryGetValue(dataset.Name.Name, out var first))
            {
                DeclarationBinder.ReportDuplicateName(ctx, dataset.Name, "dataset", new SourceLocation(first.File, first.Syntax.Span));
                continue;
            }

            ctx.Outlines.Add(dataset.Name.Name, DatasetBinder.Outline(ctx, dataset));
        }

        return (header, hasClassification);
    }

    private static List<UnparsedPart> Unparsed(IReadOnlyList<PolicyFileSyntax> files) =>
    [
        .. files.SelectMany(f => f.Declarations.SelectMany(d => d is SkippedDeclarationSyntax skipped
            ? [new UnparsedPart(skipped.Keyword, skipped.Words, new SourceLocation(f.File, skipped.Span))]
            : d.SkippedMembers.Select(m => new UnparsedPart(m.Keyword, m.Words, new SourceLocation(f.File, m.Span))))),
    ];

    private static void RecordUnparsed(BindingContext ctx, string keyword, string? name)
    {
        // Singletons are recorded without a name; named declarations by name.
        ctx.Unparsed.Add(keyword is "policy" or "classification" or "audit" or "history" ? (keyword, null) : (keyword, name));
        if (keyword == "store" && name is not null)
        {
            ctx.DeclaredStores.Add(name);
        }
    }

    private static void DeclareStore(BindingContext ctx, StoreDeclarationSyntax store)
    {
        Names.CheckDeclared(ctx, store.Name, "store");
        var symbol = StoreBinder.Bind(ctx, store);
        if (!ctx.DeclaredStores.Add(store.Name.Name))
        {
            var first = ctx.Stores.GetValueOrDefault(store.Name.Name)?.Location;
            ctx.Report(BindingDiagnostics.DuplicateName, store.Name, $"store `{store.Name.Name}` is already declared{(first is null ? string.Empty : $" at {first}")}", first);
            return;
        }

        if (symbol is not null)
        {
            ctx.Stores.Add(symbol.Name, symbol);
        }
    }

    private static (AuditSymbol?, List<BackupSymbol>, ControlsSymbol?, List<ApprovalSymbol>, List<ChangeSymbol>) StatementPass(
        BindingContext ctx, List<(SourceFile File, DeclarationSyntax Declaration)> declarations)
    {
        AuditSymbol? audit = null;
        ControlsSymbol? controls = null;
        var auditSeen = false;
        var backups = new List<BackupSymbol>();
        var approvals = new List<ApprovalSymbol>();
        var changes = new List<ChangeSymbol>();
        foreach (var (file, declaration) in declarations)
        {
            ctx.File = file;
            switch (declaration)
            {
                case AuditDeclarationSyntax a:
                    if (auditSeen)
                    {
                        ctx.Report(BindingDiagnostics.DuplicateAudit, DeclarationBinder.Keyword(a, "audit"), $"the policy already has an `audit` block{(audit is null ? string.Empty : $" at {audit.Location}")}", audit?.Location);
                        StatementBinder.BindAudit(ctx, a);
                        break;
                    }

                    auditSeen = true;
                    audit = StatementBinder.BindAudit(ctx, a);
                    break;
                case BackupDeclarationSyntax b:
                    var backup = StatementBinder.BindBackup(ctx, b);
                    if (backups.FirstOrDefault(x => x.Name == backup.Name) is { } first)
                    {
                        DeclarationBinder.ReportDuplicateName(ctx, b.Name, "backup", first.Location);
                        break;
                    }

                    backups.Add(backup);
                    break;
                case ControlsDeclarationSyntax c:
                    controls = BindControls(ctx, c, controls);
                    break;
                case ApprovalDeclarationSyntax approval when StatementBinder.BindApproval(ctx, approval) is { } symbol:
                    approvals.Add(symbol);
                    break;
                case ChangeDeclarationSyntax change when StatementBinder.BindChange(ctx, change) is { } symbol:
                    changes.Add(symbol);
                    break;
            }
        }

        return (audit, backups, controls, approvals, changes);
    }

    private const string ControlsFramework = "cis-v8";

    private static ControlsSymbol? BindControls(BindingContext ctx, ControlsDeclarationSyntax syntax, ControlsSymbol? earlier)
    {
        var framework = syntax.Framework.Name;
        if (framework != ControlsFramework)
        {
            ctx.Report(BindingDiagnostics.UnknownControlsFramework, syntax.Framework, $"`{framework}` has no safeguard catalogue; `controls` supports {Names.List([ControlsFramework])}{Suggestions.Hint(framework, [ControlsFramework])}");
            StatementBinder.BindControls(ctx, syntax);
            return earlier;
        }

        if (earlier is not null)
        {
            ctx.Report(BindingDiagnostics.DuplicateControls, syntax.Framework, $"`controls {framework}` is already declared at {earlier.Location}", earlier.Location);
            StatementBinder.BindControls(ctx, syntax);
            return earlier;
        }

        return StatementBinder.BindControls(ctx, syntax);
    }
}
