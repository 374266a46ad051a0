using System.Text.RegularExpressions;
using PolicyLang.Core.Compilation;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;
using PolicyLang.Core.Text;

namespace PolicyLang.Core.Services;

/// <summary>
/// The fix each diagnostic suggests, by code. Replacements named in the message ("did you mean `x`?", "write `x`")
/// are read from the message's fixed wording; structural fixes (insert a missing setting, remove a repeat) from the syntax.
/// </summary>
internal sealed partial class CodeActionsFixes(PolicyCompilation compilation, Diagnostic diagnostic)
{
    private readonly CodeActionsSyntax syntax = new(compilation, diagnostic);

    private string Path => diagnostic.File.Path;

    private string Flagged => diagnostic.File.GetText(diagnostic.Span);

    public IEnumerable<CodeAction> All() => diagnostic.Code switch
    {
        "GOV0129" => RenameInvalidName(),
        "GOV0003" => [Fix("Close the string", Insert(diagnostic.Span.End, "\""))],
        "GOV0100" => [Fix("Add a `policy` declaration", new TextEdit(Path, new TextSpan(0, 0), "policy \"Title\" {\n  version \"0.1\"\n  owner \"owner\"\n  review every 90 days\n}\n\n"))],
        "GOV0102" => [Fix("Add a `classification` declaration", MissingClassification())],
        "GOV0122" => syntax.Store() is { } store ? [Fix($"Add `{RequiredSetting(store)}`", syntax.InsertSetting(store.Span, RequiredSetting(store)))] : [],
        "GOV0124" => syntax.Store() is { } s ? [Fix("Read the connection from the environment", Replace($"env(\"{EnvName(s.Name.Name)}\")"))] : [],
        "GOV0111" => IsoDate(Flagged) is { } iso ? [Fix($"Write `{iso}`", Replace(iso))] : [],
        "GOV0113" => [Fix("Use a valid variable name", Replace($"\"{ValidEnvName(Flagged.Trim('"'))}\""))],
        "GOV0127" => AuditStore(),
        "GOV0128" => syntax.Audit() is { } audit ? [Fix("Add `table \"audit_log\"`", syntax.InsertSetting(audit.Span, "table \"audit_log\""))] : [],
        "GOV0205" => syntax.Rule() is { } rule ? [Fix($"Name this rule `{UniqueRuleName(rule)}`", Insert(rule.Span.End, $" as {UniqueRuleName(rule)}"))] : [],
        "GOV0208" => RuleForLocation(),
        "GOV0213" => [Fix("Remove `or null`", syntax.RemoveWithSpaceBefore(diagnostic.Span))],
        "GOV0301" or "GOV0303" => TimeColumns(),
        "GOV0302" => [Fix("Age objects `by last-modified`", Replace("last-modified"))],
        "GOV0304" => ArchiveStores(),
        "GOV0306" => syntax.Retain() is { } retain ? [Fix("Delete expired objects", new TextEdit(Path, TextSpan.Cover(retain.Action.Span, retain.Span), "delete"))] : [],
        "GOV0312" or "GOV0315" => [Fix("Remove the repeated name", syntax.RemoveListItem(diagnostic.Span))],
        "GOV0404" => syntax.Statement<WaiveSyntax>() is { } waive ? [Fix("Remove the waiver: the safeguard is covered", syntax.RemoveLine(waive.Span))] : [],
        "GOV0406" => Evidence(),
        _ => Replacements(),
    };

    private CodeAction Fix(string title, params TextEdit[] edits) => new(title, edits, diagnostic, IsPreferred: true);

    private TextEdit Replace(string text) => new(Path, diagnostic.Span, text);

    private TextEdit Insert(int at, string text) => new(Path, new TextSpan(at, 0), text);

    // "did you mean `x`?", "write `x`", "write it in quotes: `x`", "a string in quotes: `x`".
    private IEnumerable<CodeAction> Replacements()
    {
        var match = Suggested().Match(diagnostic.Message);
        if (!match.Success || match.Groups["text"].Value.Contains("(n)", StringComparison.Ordinal))
        {
            yield break;
        }

        var text = match.Groups["text"].Value;
        yield return Fix(match.Groups["verb"].Value.StartsWith("did", StringComparison.Ordinal) ? $"Change to `{text}`" : $"Write `{text}`", Replace(text));
    }

    [GeneratedRegex(@"(?<verb>did you mean|write|in quotes:) `(?<text>[^`]+)`")]
    private static partial Regex Suggested();

    // "`raw-frames` is not a valid store name: ...; write `raw_frames`": the declaration and every use are renamed.
    private IEnumerable<CodeAction> RenameInvalidName()
    {
        if (Suggested().Match(diagnostic.Message) is not { Success: true } match)
        {
            yield break;
        }

        var newName = match.Groups["text"].Value;
        var index = NavigationIndex.For(compilation);
        var edits = index.At(Path, diagnostic.Span.Start) is { } at && at.Location.Span == diagnostic.Span
            ? index.Of(at.Symbol).Select(o => new TextEdit(o.Location.Path, o.Location.Span, newName)).ToArray()
            : [Replace(newName)];
        yield return Fix($"Rename to `{newName}`", edits);
    }

    private TextEdit MissingClassification()
    {
        // The levels the datasets already name, in order, so none of them becomes unknown; else a common scale.
        var used = compilation.Syntax.SelectMany(s => s.Syntax.Declarations).OfType<DatasetDeclarationSyntax>()
            .SelectMany(d => d.Members.OfType<DatasetSettingSyntax>())
            .Where(m => m.Setting.Keyword.Name == "classification")
            .SelectMany(m => m.Setting.Values.OfType<WordValueSyntax>().Select(w => w.Word.Name))
            .Distinct()
            .ToList();
        var levels = used.Count > 0 ? used : ["public", "internal", "confidential"];
        var policy = compilation.Syntax.SelectMany(s => s.Syntax.Declarations.Select(d => (s.Syntax.File, d)))
            .FirstOrDefault(x => x.d is PolicyDeclarationSyntax);
        var line = $"classification {string.Join(" < ", levels)}";
        return policy.d is { } declaration
            ? new TextEdit(policy.File.Path, new TextSpan(declaration.Span.End, 0), $"\n\n{line}")
            : new TextEdit(Path, new TextSpan(0, 0), $"{line}\n\n");
    }

    // `27/07/2025` or `2025/7/3` as yyyy-mm-dd; day/month order only when one part cannot be a month (07/08/2025 is ambiguous).
    private static string? IsoDate(string text)
    {
        var parts = text.Split('/', '-', '.');
        if (parts.Length != 3 || !parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)))
        {
            return null;
        }

        var n = parts.Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        (int Year, int Month, int Day)? date = parts[0].Length == 4 ? (n[0], n[1], n[2])
            : parts[2].Length == 4 && n[0] > 12 ? (n[2], n[1], n[0])
            : parts[2].Length == 4 && n[1] > 12 ? (n[2], n[0], n[1])
            : null;
        return date is var (y, m, d) && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(Math.Clamp(y, 1, 9999), m)
            ? $"{y:D4}-{m:D2}-{d:D2}"
            : null;
    }

    private static string RequiredSetting(StoreDeclarationSyntax store) => store.Kind.Name switch
    {
        "postgres" or "mongodb" => $"connection env(\"{EnvName(store.Name.Name)}\")",
        "s3" => $"bucket \"{store.Name.Name.Replace('_', '-')}\"",
        "duckdb" => $"file \"{store.Name.Name}.duckdb\"",
        _ => $"path \"{store.Name.Name}\"",
    };

    private static string EnvName(string store) => ValidEnvName($"{store.ToUpperInvariant()}_URL");

    private static string ValidEnvName(string name)
    {
        var valid = InvalidEnvChar().Replace(name, "_");
        return valid.Length == 0 || char.IsAsciiDigit(valid[0]) ? "_" + valid : valid;
    }

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex InvalidEnvChar();

    private IEnumerable<CodeAction> AuditStore()
    {
        if (syntax.Audit() is not { } audit)
        {
            yield break;
        }

        foreach (var store in compilation.Bound.Stores.Where(s => s.Kind is Binding.Model.StoreKind.Postgres or Binding.Model.StoreKind.DuckDb or Binding.Model.StoreKind.MongoDb))
        {
            var table = store.Kind == Binding.Model.StoreKind.MongoDb || audit.Settings.Any(s => s.Keyword.Name == "table") ? string.Empty : " table \"audit_log\"";
            yield return new CodeAction($"Record audits in store `{store.Name}`", [syntax.InsertSetting(audit.Span, $"store {store.Name}{table}")], diagnostic, false);
        }
    }

    private string UniqueRuleName(RuleSyntax rule)
    {
        var taken = NavigationIndex.For(compilation).Rules.Select(r => r.Name).ToHashSet();
        var name = NavigationRule.DefaultName(rule, rule.Column?.Path);
        for (var n = 2; ; n++)
        {
            if (!taken.Contains($"{name}_{n}"))
            {
                return $"{name}_{n}";
            }
        }
    }

    // `rows at least` on a prefix counts objects; `objects at least` on a table counts rows.
    private IEnumerable<CodeAction> RuleForLocation()
    {
        if (syntax.Rule() is not { } rule)
        {
            yield break;
        }

        var (from, to) = rule.Kind switch
        {
            RuleKind.RowsAtLeast => ("rows", "objects"),
            RuleKind.ObjectsAtLeast => ("objects", "rows"),
            _ => (null, null),
        };
        if (from is not null)
        {
            yield return Fix($"Count {to} instead", new TextEdit(Path, rule.KindKeyword.Span, to!));
        }
    }

    private IEnumerable<CodeAction> TimeColumns()
    {
        var dataset = syntax.Dataset();
        var symbol = dataset is null ? null : compilation.Bound.FindDataset(dataset.Name.Name);
        foreach (var column in symbol?.Columns.Where(c => c.Family is ColumnTypeFamily.Time or ColumnTypeFamily.Date) ?? [])
        {
            yield return new CodeAction($"Age rows by `{column.Name}`", [Replace(column.Name)], diagnostic, false);
        }
    }

    private IEnumerable<CodeAction> ArchiveStores() =>
        compilation.Bound.Stores.Where(s => s.CanHoldArchives)
            .Select(s => new CodeAction($"Archive to `{s.Name}` ({s.KindName})", [Replace(s.Name)], diagnostic, false));

    private IEnumerable<CodeAction> Evidence()
    {
        if (syntax.Statement<EvidenceSyntax>() is not { } evidence)
        {
            yield break;
        }

        if (CodeActionsRequire.AddRequire(compilation, evidence.Safeguard.Id) is { } require)
        {
            yield return Fix($"Require {evidence.Safeguard.Id}", require);
        }

        yield return new CodeAction("Remove the evidence", [syntax.RemoveLine(evidence.Span)], diagnostic, false);
    }
}
