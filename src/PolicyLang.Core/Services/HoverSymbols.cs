using System.Text;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Compilation;

namespace PolicyLang.Core.Services;

/// <summary>Declaration summaries of stores, datasets, columns, roles, classification levels and rules, from the bound policy.</summary>
internal static class HoverSymbols
{
    public static string Describe(PolicyCompilation compilation, PolicyName symbol)
    {
        var policy = compilation.Bound;
        var text = symbol.Kind switch
        {
            PolicySymbolKind.Store => policy.FindStore(symbol.Name) is { } store ? Store(policy, store) : null,
            PolicySymbolKind.Dataset => policy.FindDataset(symbol.Name) is { } dataset ? Dataset(dataset) : null,
            PolicySymbolKind.Column => Column(policy, symbol),
            PolicySymbolKind.Role => policy.Roles.FirstOrDefault(r => r.Name == symbol.Name) is { } role ? Role(policy, role) : null,
            PolicySymbolKind.ClassificationLevel => policy.Classification.FirstOrDefault(l => l.Name == symbol.Name) is { } level ? Level(policy, level) : null,
            PolicySymbolKind.Rule => policy.FindDataset(symbol.Dataset ?? string.Empty)?.Rules.FirstOrDefault(r => r.Name == symbol.Name) is { } rule ? Rule(symbol.Dataset!, rule) : null,
            _ => null,
        };
        return text ?? $"**{symbol.Describe()}** (not bound: see the diagnostics of its declaration)";
    }

    private static string Store(BoundPolicy policy, StoreSymbol store)
    {
        var builder = new StringBuilder($"**store** `{store.Name}`: {store.KindName}\n\n");
        foreach (var setting in store.Settings.Values)
        {
            // A literal connection string may carry a password: never shown.
            var value = setting.EnvironmentVariable is { } variable ? $"env(\"{variable}\")"
                : setting.Keyword == "connection" ? "(withheld)"
                : setting.Literal + (setting.Argument is { } argument ? $" \"{argument}\"" : string.Empty);
            builder.Append("- ").Append(setting.Keyword).Append(' ').AppendLine(value);
        }

        var datasets = policy.Datasets.Where(d => d.Store == store).Select(d => $"`{d.Name}`").ToList();
        builder.AppendLine().Append("Datasets: ").Append(datasets.Count > 0 ? string.Join(", ", datasets) : "none");
        return builder.ToString();
    }

    private static string Dataset(DatasetSymbol dataset)
    {
        var builder = new StringBuilder($"**dataset** `{dataset.Name}`: {dataset.LocationKind.ToString().ToLowerInvariant()} \"{dataset.Location}\" in `{dataset.Store.Name}` ({dataset.Store.KindName})\n\n");
        if (dataset.Description is { } description)
        {
            builder.AppendLine(description).AppendLine();
        }

        Line(builder, "owner", dataset.Owner);
        Line(builder, "steward", dataset.Steward);
        Line(builder, "classification", dataset.Classification?.Name);
        Line(builder, "key", dataset.KeyText);
        Line(builder, "columns", dataset.Columns.Count == 0 ? null : $"{dataset.Columns.Count}" + (dataset.HasPii ? $" (pii: {string.Join(", ", dataset.Columns.Where(c => c.Pii).Select(c => c.Name))})" : string.Empty));
        Line(builder, "rules", dataset.Rules.Count == 0 ? null : string.Join(", ", dataset.Rules.Select(r => r.Name)));
        Line(builder, "retention", dataset.Lifecycle.Count == 0 ? "none" : string.Join("; ", dataset.Lifecycle.Select(Retention)));
        Line(builder, "masks", dataset.Masks.Count == 0 ? null : string.Join(", ", dataset.Masks.Select(m => $"{m.Column} with {MaskText(m)}")));
        Line(builder, "grants", dataset.Grants.Count == 0 ? "none" : string.Join(", ", dataset.Grants.Select(g => $"{g.Privilege} to {g.Role.Name}")));
        return builder.ToString().TrimEnd();
    }

    private static string? Column(BoundPolicy policy, PolicyName symbol)
    {
        if (policy.FindDataset(symbol.Dataset ?? string.Empty) is not { } dataset)
        {
            return null;
        }

        var builder = new StringBuilder($"**column** `{symbol.Name}` of `{dataset.Name}`");
        if (dataset.Columns.FirstOrDefault(c => c.Name == symbol.Name) is { } column)
        {
            builder.Append(": ").Append(column.Type);
            builder.Append(column.NotNull ? ", not null" : string.Empty).Append(column.Pii ? ", **pii**" : string.Empty);
        }
        else
        {
            builder.Append(" (not declared)");
        }

        builder.AppendLine().AppendLine();
        Line(builder, "classification", dataset.Classification?.Name);
        Line(builder, "key", dataset.KeyColumns.Contains(symbol.Name) ? "yes" : null);
        Line(builder, "mask", dataset.Masks.FirstOrDefault(m => m.Column == symbol.Name) is { } mask ? MaskText(mask) : null);
        var rules = dataset.Rules.Where(r => r.Column?.Split('.')[0] == symbol.Name || r.Fields.Contains(symbol.Name)).Select(r => $"`{r.Describe()}`").ToList();
        Line(builder, "rules", rules.Count == 0 ? null : string.Join(", ", rules));
        return builder.ToString().TrimEnd();
    }

    private static string Role(BoundPolicy policy, RoleSymbol role)
    {
        var grants = policy.Datasets.SelectMany(d => d.Grants.Where(g => g.Role == role).Select(g => $"{g.Privilege} on `{d.Name}`")).ToList();
        return $"**role** `{role.Name}`" + (role.Description is { } description ? $": {description}" : string.Empty)
            + $"\n\nGrants: {(grants.Count > 0 ? string.Join(", ", grants) : "none")}";
    }

    private static string Level(BoundPolicy policy, ClassificationLevel level)
    {
        var order = string.Join(" < ", policy.Classification.Select(l => l == level ? $"**{l.Name}**" : l.Name));
        var datasets = policy.Datasets.Where(d => d.Classification == level).Select(d => $"`{d.Name}`").ToList();
        return $"**classification level** `{level.Name}` ({level.Rank + 1} of {policy.Classification.Count}, least sensitive first)\n\n{order}\n\n"
            + $"Datasets: {(datasets.Count > 0 ? string.Join(", ", datasets) : "none")}";
    }

    private static string Rule(string dataset, RuleSymbol rule)
    {
        var builder = new StringBuilder($"**rule** `{rule.Name}` of `{dataset}`: `{rule.Describe()}`\n\n");
        Line(builder, "severity", rule.Severity.ToString().ToLowerInvariant());
        Line(builder, "tolerance", rule.Tolerance is { } t ? $"{t * 100:0.###}%" : null);
        Line(builder, "covers", rule.Covers.Count == 0 ? null : string.Join(", ", rule.Covers.Select(c => c.Id)));
        Line(builder, "incremental by", rule.Watermark);
        return builder.ToString().TrimEnd();
    }

    private static string Retention(RetentionSymbol r) => r.CopiesIn is { } copies
        ? $"{r.Window} by {r.ByColumn ?? "last-modified"}, then the copies in `{copies.Name}` deleted"
        : $"{r.Window} by {r.ByColumn ?? "last-modified"}"
        + (r.ArchiveStore is { } archive ? $", archived to `{archive.Name}` as {r.ArchiveFormat}" : string.Empty)
        + $", then {(r.Action == RetentionAction.Delete ? "deleted" : $"anonymized ({string.Join(", ", r.AnonymizeColumns)})")}";

    private static string MaskText(MaskSymbol mask) => mask.Method == "last" ? $"last({mask.Keep})" : mask.Method;

    private static void Line(StringBuilder builder, string label, string? value)
    {
        if (value is not null)
        {
            builder.Append("- ").Append(label).Append(": ").AppendLine(value);
        }
    }
}
