using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

/// <summary>The policy header, classification levels and roles.</summary>
internal static class DeclarationBinder
{
    /// <summary>Frameworks a policy may list; the Controls stage warns about those it has no mapping data for.</summary>
    public static readonly string[] KnownFrameworks =
        ["cis-v8", "nist-csf-1.1", "nist-800-53r5", "iso-27001-2022", "nist-csf-2.0", "nist-800-171"];

    public static PolicyHeader BindPolicy(BindingContext ctx, PolicyDeclarationSyntax policy)
    {
        string? name = null, version = null, owner = null, description = null;
        PolicyDuration? review = null;
        ScheduleSymbol? schedule = null;
        var frameworks = new List<FrameworkReference>();
        foreach (var setting in ctx.FirstOfEachKeyword(policy.Settings, "the policy"))
        {
            var keyword = setting.Keyword.Name;
            // INVARIANT: the grammar gives each policy setting the value shape matched here.
            switch (keyword)
            {
                case "name":
                    name = Name(ctx, setting.Values[0]);
                    break;
                case "version":
                    version = (setting.Values[0] as StringValueSyntax)?.Value;
                    break;
                case "owner":
                    owner = (setting.Values[0] as StringValueSyntax)?.Value;
                    break;
                case "description":
                    description = (setting.Values[0] as StringValueSyntax)?.Value;
                    break;
                case "review":
                    review = ValueBinder.Duration(ctx, setting.Values[0]);
                    break;
                case "frameworks":
                    frameworks.AddRange(Frameworks(ctx, setting));
                    break;
                case "schedule":
                    schedule = ScheduleBinder.Bind(ctx, setting);
                    break;
            }
        }

        return new PolicyHeader(policy.Title.Value, version, owner, description, review, frameworks, ctx.Locate(policy)) { Name = name, Schedule = schedule };
    }

    /// <summary>The policy's `name`: its identity in archive paths, audit records and file names, so it must be usable as all of them.</summary>
    private static string? Name(BindingContext ctx, ValueSyntax value)
    {
        if (value is not StringValueSyntax { Value: var text })
        {
            return null;
        }

        if (PolicyIdentity.IsValid(text))
        {
            return text;
        }

        var slug = PolicyIdentity.Slug(text);
        var hint = slug != PolicyIdentity.Fallback || text.Contains(PolicyIdentity.Fallback, StringComparison.OrdinalIgnoreCase) ? $"; did you mean `\"{slug}\"`?" : string.Empty;
        ctx.Report(
            BindingDiagnostics.InvalidPolicyName,
            value,
            $"policy name `{text}` must be 1 to {PolicyIdentity.MaxLength} letters, digits, `-` and `_`, starting with a letter or digit{hint}");
        return null;
    }

    private static IEnumerable<FrameworkReference> Frameworks(BindingContext ctx, SettingSyntax setting)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in setting.Values.OfType<WordValueSyntax>())
        {
            var id = value.Word.Name;
            if (!KnownFrameworks.Contains(id))
            {
                ctx.Report(BindingDiagnostics.UnknownFramework, value, $"`{id}` is not a known framework{Names.HintOrAllowed(id, KnownFrameworks)}");
            }
            else if (!listed.Add(id))
            {
                ctx.Report(BindingDiagnostics.DuplicateSetting, value, $"framework `{id}` is listed twice");
            }
            else
            {
                yield return new FrameworkReference(id, ctx.Locate(value));
            }
        }
    }

    public static void BindClassification(BindingContext ctx, ClassificationDeclarationSyntax classification)
    {
        foreach (var level in classification.Levels)
        {
            Names.CheckDeclared(ctx, level, "classification level");
            if (ctx.Levels.Any(l => l.Name == level.Name))
            {
                ctx.Report(BindingDiagnostics.DuplicateClassificationLevel, level, $"level `{level.Name}` appears twice in the classification");
                continue;
            }

            ctx.Levels.Add(new ClassificationLevel(level.Name, ctx.Levels.Count, ctx.Locate(level)));
        }
    }

    public static void BindRole(BindingContext ctx, RoleDeclarationSyntax role)
    {
        Names.CheckDeclared(ctx, role.Name, "role");
        if (ctx.Roles.TryGetValue(role.Name.Name, out var first))
        {
            ReportDuplicateName(ctx, role.Name, "role", first.Location);
            return;
        }

        ctx.Roles.Add(role.Name.Name, new RoleSymbol(role.Name.Name, role.Description?.Value, ctx.Locate(role)));
    }

    public static void ReportDuplicateName(BindingContext ctx, IdentifierSyntax name, string what, SourceLocation first) =>
        ctx.Report(BindingDiagnostics.DuplicateName, name, $"{what} `{name.Name}` is already declared at {first}", first);

    /// <summary>The span of a declaration's leading keyword, where "declared twice" is reported.</summary>
    public static Text.TextSpan Keyword(SyntaxNode declaration, string keyword) => new(declaration.Span.Start, keyword.Length);
}
