using System.Text;
using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Controls;
using static PolicyLang.Core.Docs.MarkdownTable;

namespace PolicyLang.Core.Docs;

/// <summary>The data sections: inventory, lifecycle, quality rules, governance and access.</summary>
internal static class DataSections
{
    public static void Inventory(StringBuilder sb, BoundPolicy p)
    {
        sb.Append("## 1. Dataset Inventory\n\n");
        var datasets = new MarkdownTable("Dataset", "Store", "Location", "Owner", "Steward", "Classification", "Key", "Description");
        foreach (var d in p.Datasets)
        {
            datasets.Row($"**{d.Name}**", $"{d.Store.Name} ({d.Store.KindName})", PolicyText.Location(d), d.Owner, d.Steward, d.Classification?.Name, d.KeyText, d.Description);
        }

        datasets.WriteTo(sb, "**No datasets are declared**: the policy governs no data yet.");

        sb.Append("### 1.1 Stores\n\n");
        var stores = new MarkdownTable("Store", "Kind", "Settings", "Source");
        foreach (var s in p.Stores)
        {
            var settings = s.Settings.Values.OrderBy(v => v.Location.Span.Start).Select(v => $"{v.Keyword}: {PolicyText.Setting(v)}");
            stores.Row($"**{s.Name}**", s.KindName, Lines(settings), Code(s.Location.ToString()));
        }

        stores.WriteTo(sb, "No stores are declared.");

        var withColumns = p.Datasets.Where(d => d.Columns.Count > 0).ToList();
        if (withColumns.Count > 0)
        {
            sb.Append("### 1.2 Declared Columns\n\n");
            var columns = new MarkdownTable("Dataset", "Column", "Type", "Not null", "PII", "Mask");
            foreach (var d in withColumns)
            {
                foreach (var c in d.Columns)
                {
                    var mask = d.Masks.FirstOrDefault(m => m.Column == c.Name);
                    columns.Row(d.Name, c.Name, c.Type, c.NotNull ? "yes" : "no", c.Pii ? "**yes**" : "no", mask is null ? null : Mask(mask));
                }
            }

            columns.WriteTo(sb);
        }
    }

    public static void Lifecycle(StringBuilder sb, BoundPolicy p)
    {
        sb.Append("## 2. Data Lifecycle and Retention\n\n");
        var table = new MarkdownTable("Dataset", "Retention window", "Measured by", "Archive to", "Archive format", "Final action", "Source");
        var chains = new List<DatasetSymbol>();
        foreach (var d in p.Datasets)
        {
            if (d.Lifecycle.Count == 0)
            {
                table.Row($"**{d.Name}**", "**no retention declared**", null, null, null, null, Code(d.Declaration.ToString()));
                continue;
            }

            if (d.Lifecycle.Count > 1)
            {
                chains.Add(d);
            }

            for (var i = 0; i < d.Lifecycle.Count; i++)
            {
                var r = d.Lifecycle[i];
                table.Row(
                    d.Lifecycle.Count == 1 ? $"**{d.Name}**" : $"**{d.Name}** (stage {i + 1} of {d.Lifecycle.Count})",
                    r.Window.ToString(),
                    r.ByColumn ?? "last-modified",
                    r.ArchiveStore is { } a ? ComplianceDocument.StoreWithClass(a) : null,
                    r.ArchiveStore is null ? null : r.ArchiveFormat,
                    r.CopiesIn is { } copies ? $"delete the archived copies in {ComplianceDocument.StoreWithClass(copies)}" : PolicyText.FinalAction(r),
                    Code(r.Location.ToString()));
            }
        }

        table.WriteTo(sb, "No datasets are declared, so there is nothing to retain.");
        var enforced = EnforcementText.Retention(p);
        if (enforced.Count > 0)
        {
            sb.Append("The runner enforces every retention on each run (in batches, archives verified before rows are deleted). Where the store can enforce it too:\n\n");
            foreach (var line in enforced)
            {
                sb.Append("- ").Append(line).Append('\n');
            }

            sb.Append('\n');
        }

        if (chains.Count > 0)
        {
            sb.Append("Lifecycles in stages (each stage acts at its age, in order; archived copies are deleted whole, batch by batch, once every row in a batch is past the window):\n\n");
            foreach (var d in chains)
            {
                sb.Append("- **").Append(d.Name).Append("**: ").Append(PolicyText.Lifetimes(d)).Append('\n');
            }

            sb.Append('\n');
        }
    }

    public static void Quality(StringBuilder sb, BoundPolicy p)
    {
        sb.Append("## 3. Data Quality Rules\n\n");
        sb.Append("Every rule runs where the data lives; a rule fails when more than its tolerance of rows violate it (no tolerance: any row).\n\n");
        var table = new MarkdownTable("Dataset", "Rule", "Check", "Severity", "Tolerance", "Covers", "Source");
        foreach (var d in p.Datasets)
        {
            foreach (var r in d.Rules)
            {
                table.Row(
                    d.Name,
                    Code(r.Name),
                    Code("expect " + r.Describe()),
                    ComplianceDocument.Severity(r.Severity),
                    r.Tolerance is { } t ? ComplianceDocument.Percent(t) : null,
                    r.Covers.Count == 0 ? null : string.Join(", ", r.Covers.Select(c => $"CIS.{c.Id}")),
                    Code(r.Location.ToString()));
            }
        }

        table.WriteTo(sb, "No quality rules are declared.");
    }

    public static void Governance(StringBuilder sb, BoundPolicy p)
    {
        sb.Append("## 4. Data Governance and Access\n\n");
        sb.Append("### 4.1 Classification Levels\n\n");
        var levels = new MarkdownTable("Level", "Sensitivity", "Datasets");
        foreach (var level in p.Classification.OrderBy(c => c.Rank))
        {
            var datasets = p.Datasets.Where(d => d.Classification?.Name == level.Name).Select(d => d.Name).ToList();
            levels.Row($"**{level.Name}**", $"{level.Rank + 1} of {p.Classification.Count}", datasets.Count == 0 ? null : string.Join(", ", datasets));
        }

        levels.WriteTo(sb, "**No classification levels are declared.**");

        sb.Append("### 4.2 Roles\n\n");
        var roles = new MarkdownTable("Role", "Description", "Read", "Write");
        foreach (var role in p.Roles)
        {
            roles.Row($"**{role.Name}**", role.Description, Granted(p, role, "read"), Granted(p, role, "write"));
        }

        roles.WriteTo(sb, "No roles are declared, so no dataset grants access to anyone.");

        sb.Append("### 4.3 Access Grants and Protection\n\n");
        var access = EnforcementText.Access(p);
        if (access.Count > 0)
        {
            sb.Append("What each store does with the grants and masks below:\n\n");
            foreach (var line in access)
            {
                sb.Append("- ").Append(line).Append('\n');
            }

            sb.Append('\n');
        }

        var grants = new MarkdownTable("Dataset", "Classification", "Read", "Write", "Masks", "PII columns");
        foreach (var d in p.Datasets)
        {
            grants.Row(
                $"**{d.Name}**",
                d.Classification?.Name,
                Roles(d, "read") ?? (d.Grants.Count == 0 ? "**no grants declared**" : null),
                Roles(d, "write"),
                d.Masks.Count == 0 ? null : string.Join(", ", d.Masks.Select(m => $"{m.Column}: {Mask(m)}")),
                d.HasPii ? string.Join(", ", d.Columns.Where(c => c.Pii).Select(c => c.Name)) : null);
        }

        grants.WriteTo(sb, "No datasets are declared.");
    }

    private static string? Roles(DatasetSymbol d, string privilege)
    {
        var roles = d.Grants.Where(g => g.Privilege == privilege).Select(g => g.Role.Name).ToList();
        return roles.Count == 0 ? null : string.Join(", ", roles);
    }

    private static string? Granted(BoundPolicy p, RoleSymbol role, string privilege)
    {
        var datasets = p.Datasets.Where(d => d.Grants.Any(g => g.Role.Name == role.Name && g.Privilege == privilege)).Select(d => d.Name).ToList();
        return datasets.Count == 0 ? null : string.Join(", ", datasets);
    }

    private static string Mask(MaskSymbol m) => m.Method == "last" ? $"last({m.Keep})" : m.Method;
}
