using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

/// <summary>A dataset's obligations: <c>retain</c>, <c>mask</c> and <c>grant</c>.</summary>
internal static class LifecycleBinder
{
    private const string LastModified = "last-modified";

    private static readonly string[] ArchiveFormats = ["parquet", "jsonl"];

    private static readonly string[] MaskMethods = ["sha256", "redact", "last"];

    private static readonly string[] Privileges = ["read", "write"];

    public sealed record Result(RetentionSymbol? Retention, IReadOnlyList<MaskSymbol> Masks, IReadOnlyList<GrantSymbol> Grants);

    public static Result Bind(BindingContext ctx, DatasetScope scope)
    {
        RetentionSymbol? retention = null;
        var retainSeen = false;
        var masks = new List<MaskSymbol>();
        var grants = new List<GrantSymbol>();
        foreach (var member in scope.Outline.Syntax.Members)
        {
            switch (member)
            {
                case RetainSyntax retain:
                    if (retainSeen)
                    {
                        ctx.Report(BindingDiagnostics.DuplicateRetention, DeclarationBinder.Keyword(retain, "retain"), $"dataset `{scope.Name}` already has a `retain` rule");
                        BindRetention(ctx, scope, retain);
                        break;
                    }

                    retainSeen = true;
                    retention = BindRetention(ctx, scope, retain);
                    break;
                case MaskSyntax mask when BindMask(ctx, scope, mask, masks) is { } symbol:
                    masks.Add(symbol);
                    break;
                case GrantSyntax grant:
                    BindGrant(ctx, grant, grants);
                    break;
            }
        }

        return new Result(retention, masks, grants);
    }

    private static RetentionSymbol? BindRetention(BindingContext ctx, DatasetScope scope, RetainSyntax retain)
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
            ? new RetentionSymbol(w, byColumn, archiveStore, archiveFormat, action, [.. retain.AnonymizeColumns.Select(c => c.Path)], ctx.Locate(retain))
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

    private static MaskSymbol? BindMask(BindingContext ctx, DatasetScope scope, MaskSyntax mask, List<MaskSymbol> earlier)
    {
        scope.Lookup(mask.Column);
        var method = mask.Method.Name;
        var column = mask.Column.Path;
        if (!MaskMethods.Contains(method))
        {
            ctx.Report(BindingDiagnostics.InvalidMaskMethod, mask.Method, $"`{method}` is not a masking method{Names.HintOrAllowed(method, ["sha256", "redact", "last(n)"])}");
            return null;
        }

        var keep = 0;
        if (method == "last")
        {
            if (mask.Keep is null)
            {
                ctx.Report(BindingDiagnostics.InvalidMaskCount, mask.Method, "`last` needs the number of characters to keep: `last(4)`");
                return null;
            }

            if (!int.TryParse(mask.Keep.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out keep) || keep < 1)
            {
                ctx.Report(BindingDiagnostics.InvalidMaskCount, mask.Keep, ValueBinder.IsTooLargeCount(mask.Keep.Text)
                    ? $"`last({mask.Keep.Text})` keeps too many characters; the largest is {int.MaxValue:#,0}"
                    : $"`last({mask.Keep.Text})` must keep at least 1 character");
                return null;
            }
        }

        if (earlier.Any(m => m.Column == column))
        {
            ctx.Report(BindingDiagnostics.DuplicateMask, mask.Column, $"column `{column}` of dataset `{scope.Name}` is already masked");
            return null;
        }

        return new MaskSymbol(column, method, keep, ctx.Locate(mask));
    }

    private static void BindGrant(BindingContext ctx, GrantSyntax grant, List<GrantSymbol> grants)
    {
        var privilege = grant.Privilege.Name;
        if (!Privileges.Contains(privilege))
        {
            ctx.Report(BindingDiagnostics.InvalidPrivilege, grant.Privilege, $"`{privilege}` is not a privilege{Names.HintOrAllowed(privilege, Privileges)}");
        }

        foreach (var name in grant.Roles)
        {
            if (!ctx.Roles.TryGetValue(name.Name, out var role))
            {
                if (!ctx.IsUnparsed("role", name.Name))
                {
                    ctx.Report(BindingDiagnostics.UnknownRole, name, $"role `{name.Name}` is not declared{Names.HintOrList(name.Name, ctx.Roles.Keys)}");
                }

                continue;
            }

            if (grants.Any(g => g.Privilege == privilege && g.Role.Name == role.Name))
            {
                ctx.Report(BindingDiagnostics.DuplicateGrant, name, $"`{role.Name}` is already granted `{privilege}`");
                continue;
            }

            if (Privileges.Contains(privilege))
            {
                grants.Add(new GrantSymbol(privilege, role, ctx.Locate(grant)));
            }
        }
    }
}
