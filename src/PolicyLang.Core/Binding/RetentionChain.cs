using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

/// <summary>
/// Checks that a dataset's <c>retain</c> stages form a lifecycle: read in the order written, windows strictly increasing,
/// nothing but archive expiry after the rows are deleted, one clock (<c>by</c> column), anonymized columns that are neither
/// the key nor a clock, one archiving stage per archive store and one expiry of its copies (GOV0300, GOV0316–GOV0324).
/// </summary>
internal static class RetentionChain
{
    public static void Check(BindingContext ctx, string dataset, IReadOnlyList<string> key, IReadOnlyList<(RetainSyntax Syntax, RetentionSymbol? Symbol)> stages)
    {
        var clocks = stages.Where(s => s.Syntax.CopiesIn is null).Select(s => s.Syntax.By.Path).ToHashSet(StringComparer.Ordinal);
        (RetainSyntax Syntax, RetentionSymbol Symbol)? previous = null;
        RetainSyntax? rowsDeletedBy = null;
        string? clock = null;
        var archives = new Dictionary<string, RetainSyntax>(StringComparer.Ordinal);
        var expired = new HashSet<string>(StringComparer.Ordinal);
        var anonymized = new Dictionary<string, RetainSyntax>(StringComparer.Ordinal);
        foreach (var (syntax, symbol) in stages)
        {
            var ordered = previous is not { } p || symbol is null || CheckOrder(ctx, syntax, symbol.Window, p.Syntax, p.Symbol.Window);
            if (syntax.CopiesIn is null && rowsDeletedBy is not null)
            {
                // Out of order, the stage was most likely meant before the delete: that is the one error to report.
                if (ordered)
                {
                    ctx.Report(BindingDiagnostics.DuplicateRetention, DeclarationBinder.Keyword(syntax, "retain"),
                        $"dataset `{dataset}` already deletes its rows after {Window(rowsDeletedBy)} (line {Line(ctx, rowsDeletedBy)}), so this stage has no rows to act on; only `retain <longer> by <column> in <archive store> then delete` may follow");
                }

                continue;
            }

            if (syntax.CopiesIn is { } store)
            {
                CheckExpiry(ctx, dataset, syntax, store, archives, expired);
            }
            else
            {
                clock = CheckClock(ctx, syntax, clock);
                CheckArchive(ctx, dataset, syntax, archives);
                CheckAnonymized(ctx, syntax, key, clocks, anonymized);
                if (syntax.Action.Name == "delete")
                {
                    rowsDeletedBy = syntax;
                }
            }

            if (symbol is not null)
            {
                previous = (syntax, symbol);
            }
        }
    }

    /// <summary>True when <paramref name="window"/> is longer than the previous stage's; otherwise reports GOV0316.</summary>
    private static bool CheckOrder(BindingContext ctx, RetainSyntax syntax, PolicyDuration window, RetainSyntax previousSyntax, PolicyDuration previous)
    {
        var longer = Windows.IsLonger(window, previous);
        if (longer == true)
        {
            return true;
        }

        var where = $"the previous stage's window (line {Line(ctx, previousSyntax)})";
        ctx.Report(BindingDiagnostics.RetentionStagesOutOfOrder, syntax.Window, longer is null
            ? $"`{window}` is not always longer than `{previous}`, {where}; write both windows in the same unit"
            : window == previous
                ? $"`{window}` is also {where}; stages act at increasing ages, so merge the two stages"
                : $"`{window}` is shorter than `{previous}`, {where}; write the stages in order of their windows, each longer than the last");
        return false;
    }

    private static string CheckClock(BindingContext ctx, RetainSyntax syntax, string? clock)
    {
        var by = syntax.By.Path;
        if (clock is not null && by != clock)
        {
            ctx.Report(BindingDiagnostics.RetentionStagesDifferentClock, syntax.By,
                $"this stage ages rows by `{by}`, an earlier one by `{clock}`; the stages' windows are only ordered on one clock");
        }

        return clock ?? by;
    }

    private static void CheckArchive(BindingContext ctx, string dataset, RetainSyntax syntax, Dictionary<string, RetainSyntax> archives)
    {
        if (syntax.Archive is not { } archive)
        {
            return;
        }

        if (archives.TryGetValue(archive.Store.Name, out var first))
        {
            ctx.Report(BindingDiagnostics.ArchivedTwiceToStore, archive.Store,
                $"dataset `{dataset}` already archives to `{archive.Store.Name}` after {Window(first)} (line {Line(ctx, first)}); archive this stage to another store");
            return;
        }

        archives.Add(archive.Store.Name, syntax);
    }

    private static void CheckAnonymized(BindingContext ctx, RetainSyntax syntax, IReadOnlyList<string> key, HashSet<string> clocks, Dictionary<string, RetainSyntax> anonymized)
    {
        foreach (var column in syntax.AnonymizeColumns)
        {
            var name = column.Path;
            if (key.Contains(name) || clocks.Contains(name))
            {
                ctx.Report(BindingDiagnostics.AnonymizeKeyOrAge, column, key.Contains(name)
                    ? key.Count == 1 ? $"`{name}` is the key of the dataset; rows without it can no longer be archived or deleted"
                        : $"`{name}` is a column of the key of the dataset ({string.Join(", ", key)}); rows without it can no longer be archived or deleted"
                    : $"`{name}` is the `by` column that ages rows; rows without it would never reach a later stage");
            }
            else if (anonymized.TryGetValue(name, out var earlier))
            {
                ctx.Report(BindingDiagnostics.AlreadyAnonymized, column,
                    $"column `{name}` is already anonymized after {Window(earlier)} (line {Line(ctx, earlier)}); anonymizing it again changes nothing");
            }
            else
            {
                anonymized.Add(name, syntax);
            }
        }
    }

    private static void CheckExpiry(BindingContext ctx, string dataset, RetainSyntax syntax, IdentifierSyntax store, Dictionary<string, RetainSyntax> archives,
        HashSet<string> expired)
    {
        if (syntax.Archive is { } archive)
        {
            ctx.Report(BindingDiagnostics.ArchivedCopiesOnlyDeleted, archive,
                $"the copies in `{store.Name}` are deleted whole, not archived again; end this stage with `then delete`");
        }
        else if (syntax.Action.Name != "delete")
        {
            ctx.Report(BindingDiagnostics.ArchivedCopiesOnlyDeleted, syntax.Action,
                $"the copies in `{store.Name}` are kept whole or deleted whole; end this stage with `then delete`");
        }

        if (!archives.TryGetValue(store.Name, out var archiving))
        {
            if (ctx.Stores.ContainsKey(store.Name))
            {
                ctx.Report(BindingDiagnostics.NothingArchivedThere, store,
                    $"no earlier stage of dataset `{dataset}` archives to `{store.Name}`; archive there first (`... then archive to {store.Name} as parquet then delete`)");
            }

            return;
        }

        if (syntax.By.Path != archiving.By.Path)
        {
            ctx.Report(BindingDiagnostics.ArchivedCopiesAgedByOtherColumn, syntax.By,
                $"the copies in `{store.Name}` were archived by age of `{archiving.By.Path}` (line {Line(ctx, archiving)}); expire them `by {archiving.By.Path}`");
        }

        if (!expired.Add(store.Name))
        {
            ctx.Report(BindingDiagnostics.ArchivedCopiesExpiredTwice, store,
                $"an earlier stage of dataset `{dataset}` already deletes the copies in `{store.Name}`");
        }
    }

    private static string Window(RetainSyntax stage) => $"{stage.Window.Amount.Text} {stage.Window.Unit.Name}";

    private static int Line(BindingContext ctx, RetainSyntax stage) => ctx.Locate(stage).Line;
}
