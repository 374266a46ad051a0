using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

/// <summary>One statement the postgres store runs to check a dataset.</summary>
/// <param name="Purpose"><c>fused</c> (one scan: row count and every scan-shareable rule), <c>unique</c> or <c>references</c>.</param>
/// <param name="Sql">The exact statement; values appear as <c>$1</c>, <c>$2</c>...</param>
/// <param name="Parameters">The values bound to <c>$1</c>, <c>$2</c>... in order.</param>
/// <param name="Rules">The rules it answers, in result-column order (in the fused query a <c>fresher than</c> rule's column is its
/// fresh-row count, followed by its non-null count with <c>or null</c>; see <see cref="PostgresCheckPlanner.Counts"/>).</param>
public sealed record PlannedQuery(string Purpose, string Sql, IReadOnlyList<object?> Parameters, IReadOnlyList<string> Rules);

/// <summary>What the store will run for one dataset (for <c>policyc plan</c> and <c>run --dry-run</c>).</summary>
/// <param name="Dataset">The dataset's name.</param>
/// <param name="Queries">The statements, fused scan first.</param>
/// <param name="Errors">Rules the store cannot evaluate, with the reason (reported as rule errors).</param>
public sealed record DatasetPlan(string Dataset, IReadOnlyList<PlannedQuery> Queries, IReadOnlyDictionary<string, string> Errors);

/// <summary>
/// Builds the SQL of a dataset's checks: one <c>SELECT count(*), count(*) FILTER (WHERE ...), ... FROM t</c> for every
/// scan-shareable rule (not null, between, in, matches, comparisons, fresher than; rows at least reads the count),
/// plus one grouped query per <c>unique</c> rule and one anti-join per <c>references</c> rule.
/// </summary>
public static class PostgresCheckPlanner
{
    /// <summary>The statements checking <paramref name="dataset"/> of <paramref name="policy"/> as of <paramref name="now"/>.</summary>
    /// <param name="dataset">The dataset (a <c>table</c> location).</param>
    /// <param name="policy">The policy, to resolve <c>references</c> targets.</param>
    /// <param name="now">The run's clock (for <c>fresher than</c>).</param>
    /// <param name="rules">The rules to plan; null means every store-side rule of the dataset.</param>
    public static DatasetPlan Describe(DatasetModel dataset, PolicyModel policy, DateTimeOffset now, IReadOnlyList<RuleModel>? rules = null)
    {
        rules ??= dataset.Rules.Where(r => r.Kind != RuleKind.CSharp).ToList();
        var table = Sql.Table(dataset);
        var queries = new List<PlannedQuery>();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);

        var p = new Parameters();
        var columns = new List<string> { "count(*)" };
        var fused = new List<string>();
        foreach (var rule in rules.Where(r => IsShared(r.Kind)))
        {
            columns.AddRange(Counts(dataset, rule, now, p));
            fused.Add(rule.Name);
        }
        queries.Add(new PlannedQuery("fused", $"SELECT {string.Join(", ", columns)} FROM {table}", p.Values, fused));

        foreach (var rule in rules.Where(r => !IsShared(r.Kind) && r.Kind != RuleKind.RowsAtLeast))
        {
            var error = $"rule kind '{rule.Kind}' is not supported by the postgres store";
            if (rule.Kind == RuleKind.Unique)
                queries.Add(new PlannedQuery("unique", UniqueSql(table, rule), [], [rule.Name]));
            else if (rule.Kind == RuleKind.References && ReferencesCondition(dataset, policy, rule, out error) is { } refs)
                queries.Add(new PlannedQuery("references", $"SELECT count(*) FROM {table} AS s WHERE {refs}", [], [rule.Name]));
            else
                errors[rule.Name] = error;
        }
        return new DatasetPlan(dataset.Name, queries, errors);
    }

    /// <summary>The fused query of a single rule (used when the fused scan fails, so one bad rule reports its own error).</summary>
    internal static PlannedQuery Isolated(DatasetModel dataset, RuleModel rule, DateTimeOffset now)
    {
        var p = new Parameters();
        return new PlannedQuery("isolated", $"SELECT count(*), {string.Join(", ", Counts(dataset, rule, now, p))} FROM {Sql.Table(dataset)}", p.Values, [rule.Name]);
    }

    /// <summary>
    /// The one-rule query of the per-rule strategy (dbt, Great Expectations): <c>SELECT count(*) FROM t WHERE &lt;violation&gt;</c>.
    /// Not what the store runs (it fuses); for comparisons and benchmarks.
    /// </summary>
    public static PlannedQuery PerRule(DatasetModel dataset, RuleModel rule, DateTimeOffset now)
    {
        var p = new Parameters();
        return new PlannedQuery("per-rule", $"SELECT count(*) FROM {Sql.Table(dataset)} WHERE {Violation(dataset, rule, now, p)}", p.Values, [rule.Name]);
    }

    /// <summary>
    /// A rule's result columns in a fused scan. Most rules: the violation count. <c>fresher than</c>: the rows inside the window,
    /// and with <c>or null</c> the non-null rows, from which the violations follow (total or non-null minus fresh):
    /// one timestamp comparison per row instead of two (see <see cref="FreshViolations"/>).
    /// </summary>
    internal static IEnumerable<string> Counts(DatasetModel dataset, RuleModel rule, DateTimeOffset now, Parameters p)
    {
        if (rule.Kind != RuleKind.FresherThan)
        {
            yield return $"count(*) FILTER (WHERE {Violation(dataset, rule, now, p)})";
            yield break;
        }
        yield return $"count(*) FILTER (WHERE {Fresh(rule, now, p)})";
        if (rule.OrNull) yield return $"count({Sql.Id(rule.Column!)})";
    }

    /// <summary>
    /// Violations of a <c>fresher than</c> rule from its fused columns: a row violates unless it is inside the window
    /// (a null violates, so total − fresh); with <c>or null</c> a null never violates (non-null − fresh).
    /// </summary>
    internal static long FreshViolations(RuleModel rule, long total, long fresh, long? nonNull) => (rule.OrNull ? nonNull!.Value : total) - fresh;

    /// <summary>Kinds one shared scan answers with a row predicate.</summary>
    internal static bool IsShared(RuleKind kind) =>
        kind is RuleKind.NotNull or RuleKind.Between or RuleKind.In or RuleKind.Matches or RuleKind.Compare or RuleKind.FresherThan;

    /// <summary>
    /// The row condition "this row violates the rule". Without <c>or null</c> a null violates; with it a null never does.
    /// A predicate that is unknown (null) for a non-null value counts as a violation, as in the in-memory evaluator.
    /// (An empty <c>in</c> list is <c>FALSE</c>, also strict enough: every row violates.)
    /// </summary>
    internal static string Violation(DatasetModel dataset, RuleModel rule, DateTimeOffset now, Parameters p)
    {
        var c = Sql.Id(rule.Column ?? throw new RunException($"rule '{rule.Name}' names no column"));
        var holds = rule.Kind switch
        {
            RuleKind.NotNull => "TRUE",
            RuleKind.Between => $"{c} BETWEEN {p.Add(rule.Args[0])} AND {p.Add(rule.Args[1])}",
            RuleKind.In => rule.Args.Count == 0 ? "FALSE" : SqlText.InList(c, rule.Args, p.Add),
            // `~` searches (a partial match suffices); a portable pattern is translated to an ARE, any other runs as written
            // (PostgreSQL's own dialect; the runner notes it).
            RuleKind.Matches => $"{c}::text ~ {p.Add(PortableRegex.ForEngine((string)rule.Args[0]!, RegexDialect.Postgres))}",
            RuleKind.Compare => SqlText.Compare(c, rule.Operator, rule.Args[0], p.Add(rule.Args[0]), NaN(dataset, rule.Column!)),
            RuleKind.FresherThan => Fresh(rule, now, p),
            _ => throw new RunException($"rule kind '{rule.Kind}' has no row condition"),
        };
        if (rule.Kind == RuleKind.NotNull) return rule.OrNull ? "FALSE" : $"{c} IS NULL";
        // Every condition above is strict (null in, null out), so "IS NOT TRUE" already counts a null column as a violation:
        // one test per row instead of "c IS NULL OR NOT coalesce(...)", which matters at millions of rows.
        return rule.OrNull ? $"({c} IS NOT NULL AND ({holds}) IS NOT TRUE)" : $"(({holds}) IS NOT TRUE)";
    }

    /// <summary>
    /// NaN in the type <paramref name="column"/> is declared with: none for integers, <c>numeric</c>'s own NaN for
    /// numeric/decimal (comparing with a double would convert every value), else (double, real, or undeclared) a double.
    /// </summary>
    internal static string? NaN(DatasetModel dataset, string column) => TypeFamilies.Declared(dataset, column) switch
    {
        { } t when TypeFamilies.Of(t) == "integer" => null,
        "numeric" or "decimal" => "CAST('NaN' AS NUMERIC)",
        _ => "CAST('NaN' AS DOUBLE PRECISION)",
    };

    /// <summary>Rows inside the freshness window.</summary>
    internal static string Fresh(RuleModel rule, DateTimeOffset now, Parameters p) =>
        $"{Sql.Id(rule.Column!)} >= {p.Add(RuleSemantics.Cutoff(rule, now))}";

    /// <summary>The condition on a sampled row <c>s</c> for unique and references rules (samples reuse it).</summary>
    internal static string? OwnCondition(DatasetModel dataset, PolicyModel policy, RuleModel rule)
    {
        var c = Sql.Id(rule.Column!);
        return rule.Kind switch
        {
            RuleKind.Unique => $"s.{c} IN (SELECT {c} FROM {Sql.Table(dataset)} WHERE {c} IS NOT NULL GROUP BY {c} HAVING count(*) > 1)",
            RuleKind.References => ReferencesCondition(dataset, policy, rule, out _),
            _ => null,
        };
    }

    private static string UniqueSql(string table, RuleModel rule)
    {
        var c = Sql.Id(rule.Column!);
        return $"SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM {table} WHERE {c} IS NOT NULL GROUP BY {c} HAVING count(*) > 1) AS d";
    }

    private static string? ReferencesCondition(DatasetModel dataset, PolicyModel policy, RuleModel rule, out string error)
    {
        error = "";
        var target = policy.Datasets.FirstOrDefault(d => d.Name == rule.TargetDataset);
        if (target is null) { error = $"references: no dataset named '{rule.TargetDataset}'"; return null; }
        if (target.Store != dataset.Store)
        {
            error = $"references: dataset '{target.Name}' is in store '{target.Store}', not '{dataset.Store}'; cross-store references are not supported";
            return null;
        }
        var c = Sql.Id(rule.Column!);
        // NOT EXISTS (not NOT IN) so a null in the target column cannot turn every row into "unknown".
        return $"s.{c} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {Sql.Table(target)} AS x WHERE x.{Sql.Id(rule.TargetColumn!)} = s.{c})";
    }

}
