using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

/// <summary>A dataset's obligations: <c>retain</c> stages (<see cref="RetentionBinder"/>), <c>mask</c> and <c>grant</c>.</summary>
internal static class LifecycleBinder
{
    private static readonly string[] MaskMethods = ["sha256", "redact", "last"];

    private static readonly string[] Privileges = ["read", "write"];

    public sealed record Result(IReadOnlyList<RetentionSymbol> Lifecycle, IReadOnlyList<MaskSymbol> Masks, IReadOnlyList<GrantSymbol> Grants);

    public static Result Bind(BindingContext ctx, DatasetScope scope, IReadOnlyList<string> key)
    {
        var lifecycle = RetentionBinder.Bind(ctx, scope, key, [.. scope.Outline.Syntax.Members.OfType<RetainSyntax>()]);
        var masks = new List<MaskSymbol>();
        var grants = new List<GrantSymbol>();
        foreach (var member in scope.Outline.Syntax.Members)
        {
            switch (member)
            {
                case MaskSyntax mask when BindMask(ctx, scope, mask, masks) is { } symbol:
                    masks.Add(symbol);
                    break;
                case GrantSyntax grant:
                    BindGrant(ctx, grant, grants);
                    break;
            }
        }

        return new Result(lifecycle, masks, grants);
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
