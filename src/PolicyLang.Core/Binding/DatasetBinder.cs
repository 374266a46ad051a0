using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

/// <summary>
/// One dataset: store fit, descriptive settings, columns, then rules, retention, masks and grants
/// against the declared columns. A dataset whose store did not resolve is still checked, then left out.
/// </summary>
internal static class DatasetBinder
{
    /// <summary>Which store kinds hold each location kind.</summary>
    private static readonly Dictionary<LocationKind, StoreKind[]> Fits = new()
    {
        [LocationKind.Table] = [StoreKind.Postgres, StoreKind.DuckDb],
        [LocationKind.Collection] = [StoreKind.MongoDb],
        [LocationKind.Prefix] = [StoreKind.S3],
        [LocationKind.File] = [StoreKind.Folder, StoreKind.DuckDb],
    };

    /// <summary>The keyword naming where <paramref name="kind"/> keeps rows: <c>table</c> or <c>collection</c>; null for an object store.</summary>
    public static string? RowsLocation(StoreKind kind) =>
        Fits[LocationKind.Table].Contains(kind) ? "table" : Fits[LocationKind.Collection].Contains(kind) ? "collection" : null;

    /// <summary>The outline later passes see before members are bound; reports nothing.</summary>
    public static DatasetOutline Outline(BindingContext ctx, DatasetDeclarationSyntax dataset) =>
        new(
            dataset,
            ctx.File,
            ctx.Stores.GetValueOrDefault(dataset.Store.Name),
            dataset.Members.OfType<ColumnDeclarationSyntax>().Select(c => c.Name.Name).ToHashSet(StringComparer.Ordinal));

    public static BoundDataset Bind(BindingContext ctx, DatasetOutline outline)
    {
        var dataset = outline.Syntax;
        Names.CheckDeclared(ctx, dataset.Name, "dataset");
        var store = ctx.ResolveStore(dataset.Store);
        var locationKind = DatasetScope.ToLocationKind(dataset.LocationKind.Name);
        if (store is not null && !Fits[locationKind].Contains(store.Kind))
        {
            var kinds = Fits[locationKind].Select(k => k.ToString().ToLowerInvariant());
            ctx.Report(
                BindingDiagnostics.LocationKindMismatch,
                dataset.LocationKind,
                $"{Names.Article(dataset.LocationKind.Name)} `{dataset.LocationKind.Name}` dataset needs {string.Join(" or ", kinds.Select(k => $"{Names.Article(k)} `{k}`"))} store, but `{store.Name}` is {Names.Article(store.KindName)} `{store.KindName}` store");
        }

        var columns = BindColumns(ctx, dataset);
        var scope = new DatasetScope(ctx, outline, columns);
        var settings = BindSettings(ctx, scope);
        var (rules, ruleNames) = BindRules(ctx, scope);
        var lifecycle = LifecycleBinder.Bind(ctx, scope, settings.Key);
        var key = settings.Key.Count == 1 ? settings.Key[0] : null;

        var symbol = store is null
            ? null
            : new DatasetSymbol(
                dataset.Name.Name,
                store,
                locationKind,
                dataset.Location.Value,
                settings.Description,
                settings.Owner,
                settings.Steward,
                settings.Classification,
                key,
                [.. columns.Values],
                rules,
                lifecycle.Lifecycle.FirstOrDefault(),
                lifecycle.Masks,
                lifecycle.Grants,
                ctx.Locate(dataset))
            { Lifecycle = lifecycle.Lifecycle, Schedule = settings.Schedule, KeyColumns = settings.Key };
        return new BoundDataset(outline, symbol, ruleNames, columns);
    }

    private static Dictionary<string, ColumnSymbol> BindColumns(BindingContext ctx, DatasetDeclarationSyntax dataset)
    {
        // Insertion order is declaration order: documents list columns as written.
        var columns = new Dictionary<string, ColumnSymbol>(StringComparer.Ordinal);
        foreach (var column in dataset.Members.OfType<ColumnDeclarationSyntax>())
        {
            if (columns.ContainsKey(column.Name.Name))
            {
                ctx.Report(BindingDiagnostics.DuplicateColumn, column.Name, $"column `{column.Name.Name}` is already declared in dataset `{dataset.Name.Name}`");
                continue;
            }

            if (column.Name.Quoted)
            {
                QuotedNames.Check(ctx, column.Name);
            }
            else
            {
                Names.CheckDeclared(ctx, column.Name, "column");
            }

            var typeName = column.Type.Name.Name;
            var family = ColumnTypes.Family(typeName);
            if (family is null)
            {
                ctx.Report(BindingDiagnostics.UnknownColumnType, column.Type.Name, $"`{typeName}` is not a known column type, so rules on `{column.Name.Name}` are not type-checked{Suggestions.Hint(typeName, ColumnTypes.Known)}");
            }

            columns.Add(
                column.Name.Name,
                new ColumnSymbol(column.Name.Name, column.Type.ToString().ToLowerInvariant(), family ?? ColumnTypeFamily.Other, column.NotNull, column.Pii, ctx.Locate(column)));
        }

        return columns;
    }

    private sealed record Settings(string? Description, string? Owner, string? Steward, ClassificationLevel? Classification, IReadOnlyList<string> Key, ScheduleSymbol? Schedule);

    private static Settings BindSettings(BindingContext ctx, DatasetScope scope)
    {
        string? description = null, owner = null, steward = null;
        var key = new List<string>();
        ClassificationLevel? classification = null;
        ScheduleSymbol? schedule = null;
        var members = scope.Outline.Syntax.Members.OfType<DatasetSettingSyntax>().Select(m => m.Setting);
        foreach (var setting in ctx.FirstOfEachKeyword(members, $"dataset `{scope.Name}`"))
        {
            var keyword = setting.Keyword.Name;
            // INVARIANT: the grammar gives strings to description/owner/steward and words to classification/key.
            var value = setting.Values[0];
            switch (keyword)
            {
                case "description":
                    description = (value as StringValueSyntax)?.Value;
                    break;
                case "owner":
                    owner = (value as StringValueSyntax)?.Value;
                    break;
                case "steward":
                    steward = (value as StringValueSyntax)?.Value;
                    break;
                case "classification" when value is WordValueSyntax level:
                    classification = ctx.Levels.FirstOrDefault(l => l.Name == level.Word.Name);
                    // No levels at all is reported once, as the missing classification declaration (GOV0102).
                    if (classification is null && ctx.Levels.Count > 0)
                    {
                        ctx.Report(BindingDiagnostics.UnknownClassificationLevel, value, $"`{level.Word.Name}` is not a classification level{Names.HintOrList(level.Word.Name, ctx.Levels.Select(l => l.Name))}");
                    }

                    break;
                case "key":
                    key = KeyColumns(ctx, scope, setting);
                    break;
                case "schedule":
                    schedule = ScheduleBinder.Bind(ctx, setting);
                    break;
                case "watermark":
                    WatermarkBinder.CheckDataset(ctx, scope, setting);
                    break;
            }
        }

        return new Settings(description, owner, steward, classification, key, schedule);
    }

    /// <summary><c>key id</c> or <c>key run_id, lane</c>: each column looked up once, a repeated one reported (GOV0230) and left out.</summary>
    private static List<string> KeyColumns(BindingContext ctx, DatasetScope scope, SettingSyntax setting)
    {
        var key = new List<string>();
        foreach (var column in setting.Values.OfType<WordValueSyntax>())
        {
            if (key.Contains(column.Word.Name, StringComparer.Ordinal))
            {
                ctx.Report(BindingDiagnostics.ColumnListedTwice, column, $"`{column.Word.Name}` is already a column of the key of dataset `{scope.Name}`");
                continue;
            }

            scope.Lookup(column.Word);
            key.Add(column.Word.Name);
        }

        return key;
    }

    private static (IReadOnlyList<RuleSymbol> Rules, IReadOnlySet<string> Names) BindRules(BindingContext ctx, DatasetScope scope)
    {
        var rules = new List<RuleSymbol>();
        var names = new Dictionary<string, RuleSyntax>(StringComparer.Ordinal);
        foreach (var rule in scope.Outline.Syntax.Members.OfType<RuleSyntax>())
        {
            var binder = new RuleBinder(ctx, scope, rule);
            var (name, nameSpan, explicitName) = binder.Name();
            if (explicitName)
            {
                Names.CheckDeclared(ctx, new IdentifierSyntax(name, nameSpan), "rule");
            }

            if (names.ContainsKey(name))
            {
                var advice = explicitName ? "choose another name" : "name one of them with `as <name>`";
                ctx.Report(BindingDiagnostics.DuplicateRuleName, nameSpan, $"dataset `{scope.Name}` already has a rule named `{name}`; {advice}");
                binder.Bind(name);
                continue;
            }

            names.Add(name, rule);
            if (binder.Bind(name) is { } symbol)
            {
                rules.Add(symbol);
            }
        }

        return (rules, names.Keys.ToHashSet(StringComparer.Ordinal));
    }
}
