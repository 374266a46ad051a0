using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

/// <summary>
/// A dataset's <c>retain</c> stages: each stage on its own (window, age column, archive step, action), then the chain
/// they form (<see cref="RetentionChain"/>).
/// </summary>
internal static class RetentionBinder
{
    private const string LastModified = "last-modified";

    private static readonly string[] ArchiveFormats = ["parquet", "jsonl"];

    public static IReadOnlyList<RetentionSymbol> Bind(BindingContext ctx, DatasetScope scope, IReadOnlyList<string> key, IReadOnlyList<RetainSyntax> stages)
    {
        var bound = stages.Select(stage => (Syntax: stage, Symbol: BindStage(ctx, scope, stage))).ToList();
        RetentionChain.Check(ctx, scope.Name, key, bound);
        return [.. bound.Select(b => b.Symbol).OfType<RetentionSymbol>()];
    }

    private static RetentionSymbol? BindStage(BindingContext ctx, DatasetScope scope, RetainSyntax retain)
    {
        var window = ValueBinder.Duration(ctx, retain.Window);
        var isPrefix = scope.LocationKind == LocationKind.Prefix;
        var by = retain.By.Path;
        string? byColumn = null;
        if (by == LastModified)
        {
            if (!isPrefix)
            {
                ctx.Report(BindingDiagnostics.LastModifiedNotOnPrefix, retain.By, $"`by last-modified` ages objects of an s3 prefix; age the rows of `{scope.Name}` by a timestamp column");
            }
        }
        else if (isPrefix)
        {
            ctx.Report(BindingDiagnostics.PrefixNeedsLastModified, retain.By, $"dataset `{scope.Name}` is an object prefix: its objects are aged `by last-modified`, not by `{by}`");
        }
        else
        {
            byColumn = by;
            if (scope.Lookup(retain.By) is { } column && !ColumnTypes.IsTime(column.Family) && column.Family != ColumnTypeFamily.Other)
            {
                ctx.Report(BindingDiagnostics.RetentionColumnNotTime, retain.By, $"`retain ... by` needs a timestamp or date column, but `{column.Name}` holds {ColumnTypes.Describe(column.Family)}");
            }
        }

        var copiesIn = retain.CopiesIn is { } store ? ctx.ResolveStore(store) : null;
        var (archiveStore, archiveFormat) = BindArchive(ctx, retain.Archive);
        var action = retain.Action.Name == "anonymize" ? RetentionAction.Anonymize : RetentionAction.Delete;
        if (action == RetentionAction.Anonymize && isPrefix)
        {
            ctx.Report(BindingDiagnostics.AnonymizeOnPrefix, retain.Action, $"objects of prefix `{scope.Name}` have no columns to anonymize; use `delete`");
        }
        else
        {
            foreach (var column in retain.AnonymizeColumns)
            {
                scope.Lookup(column);
            }
        }

        return window is { } w
            ? new RetentionSymbol(w, byColumn, archiveStore, archiveFormat, action, [.. retain.AnonymizeColumns.Select(c => c.Path)], ctx.Locate(retain)) { CopiesIn = copiesIn }
            : null;
    }

    private static (StoreSymbol? Store, string? Format) BindArchive(BindingContext ctx, ArchiveStepSyntax? archive)
    {
        if (archive is null)
        {
            return (null, null);
        }

        var store = ctx.ResolveStore(archive.Store);
        if (store is { CanHoldArchives: false })
        {
            ctx.Report(BindingDiagnostics.ArchiveStoreCannotHold, archive.Store, $"store `{store.Name}` is {Names.Article(store.KindName)} `{store.KindName}` store and cannot hold archives; archive to an `s3` or `folder` store");
        }

        var format = archive.Format.Name;
        if (!ArchiveFormats.Contains(format))
        {
            ctx.Report(BindingDiagnostics.InvalidArchiveFormat, archive.Format, $"`{format}` is not an archive format{Names.HintOrAllowed(format, ArchiveFormats)}");
            return (store, null);
        }

        return (store, format);
    }
}
