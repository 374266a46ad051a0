using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Checks;

/// <summary>
/// How a dataset's rules split into the groups of an incremental check (docs/incremental-checks.md), for the runner and for what
/// <c>policyc plan</c> prints: the rules that read the whole dataset, and one group per watermark column. At plan time the bounds are
/// not known (they come from the run history and the table when the run starts), so plans show them as placeholders.
/// </summary>
public static class IncrementalPlan
{
    /// <summary>The watermark column <paramref name="rule"/> reads new rows by; null when it reads the whole dataset.</summary>
    public static string? ColumnOf(RuleModel rule) =>
        rule.Watermark is { } column && IncrementalKinds.ChecksNewRowsOnly(rule.Kind) ? column : null;

    /// <summary>
    /// <paramref name="dataset"/>'s rules by watermark column: the whole-dataset group first (column null), then one per column in
    /// the order they first appear; rules keep their declaration order. Only groups with rules are listed.
    /// </summary>
    public static IReadOnlyList<(string? Column, IReadOnlyList<RuleModel> Rules)> Groups(DatasetModel dataset) =>
        dataset.Rules
            .GroupBy(ColumnOf)
            .Select(g => (g.Key, (IReadOnlyList<RuleModel>)[.. g]))
            .OrderBy(g => g.Key is null ? 0 : 1)
            .ToList();

    /// <summary>True when some rule of <paramref name="dataset"/> checks new rows only.</summary>
    public static bool IsIncremental(DatasetModel dataset) => dataset.Rules.Any(r => ColumnOf(r) is not null);

    /// <summary>The window a plan shows for <paramref name="column"/>: its bounds as placeholders, bound where the run binds them.</summary>
    public static CheckWindow Placeholder(string column) => new(column, "<watermark of the last successful run>", $"<max({column}) when the run starts>");

    /// <summary>One line describing a group of <see cref="Groups"/> (without a comment marker).</summary>
    public static string Describe(string? column, IReadOnlyList<RuleModel> rules)
    {
        var names = string.Join(", ", rules.Select(r => r.Name));
        return column is null
            ? $"whole table ({names}): every row, every run (unique, references, fresher than, aggregates and row counts never narrow to new rows)"
            : $"incremental by {column} ({names}): only rows with {column} > the watermark of the last successful run (read from the run history; " +
              $"every row on the first run) and {column} <= max({column}) when the run starts; the run records the new watermark";
    }
}
