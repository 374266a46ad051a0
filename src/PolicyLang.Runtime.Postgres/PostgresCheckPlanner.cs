using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

/// <summary>One statement of a postgres <see cref="CheckPlan{TQuery}"/>.</summary>
/// <param name="Purpose"><c>fused</c> (one scan: row count and every scan-shareable rule), <c>unique</c>, <c>references</c>, <c>isolated</c>, <c>total</c> or <c>sample</c>.</param>
/// <param name="Sql">The exact statement; values appear as <c>$1</c>, <c>$2</c>...</param>
/// <param name="Parameters">The values bound to <c>$1</c>, <c>$2</c>... in order.</param>
/// <param name="CountsRows">True when the first result column is <c>count(*)</c>.</param>
/// <param name="Answers">The rules it answers, in result-column order (in a scan a <c>fresher than</c> rule's columns are its fresh-row
/// count, followed by its non-null count with <c>or null</c>; see <see cref="PostgresCheckPlanner.Counts"/>).</param>
public sealed record PostgresQuery(string Purpose, string Sql, IReadOnlyList<object?> Parameters, bool CountsRows, IReadOnlyList<RuleAnswer> Answers)
    : CheckQuery(Purpose, CountsRows, Answers);

/// <summary>
/// Builds the <see cref="CheckPlan{TQuery}"/> of a postgres dataset: one <c>SELECT count(*), count(*) FILTER (WHERE ...), ... FROM t</c>
/// for every scan-shareable rule (not null, between, in, matches, comparisons, fresher than; rows at least reads the count),
/// plus one grouped query per <c>unique</c> rule and one anti-join per <c>references</c> rule.
/// </summary>
public static partial class PostgresCheckPlanner
{
    /// <summary>The plan checking <paramref name="dataset"/> of <paramref name="policy"/> as of <paramref name="now"/> (what <c>policyc plan</c> prints).</summary>
    /// <param name="dataset">The dataset (a <c>table</c> location).</param>
    /// <param name="policy">The policy, to resolve <c>references</c> targets.</param>
    /// <param name="now">The run's clock (for <c>fresher than</c>).</param>
    /// <param name="rules">The rules to plan; null means every store-side rule of the dataset.</param>
    public static CheckPlan<PostgresQuery> Describe(DatasetModel dataset, PolicyModel policy, DateTimeOffset now, IReadOnlyList<RuleModel>? rules = null) =>
        Plan(new DatasetCheckRequest(dataset, rules ?? dataset.Rules.Where(r => RuleSemantics.IsStoreSide(r.Kind)).ToList(), now, policy), 0);

    /// <summary>The plan checking <paramref name="request"/>; sample queries select up to <paramref name="sampleLimit"/> rows.</summary>
    public static CheckPlan<PostgresQuery> Plan(DatasetCheckRequest request, int sampleLimit)
    {
        var (dataset, now) = (request.Dataset, request.Now);
        var table = Sql.Table(dataset);
        var fused = request.Rules.Where(r => IsShared(r.Kind)).ToList();
        var queries = new List<PostgresQuery> { Scan("fused", dataset, fused, now, request.Window) };
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var fromTotal = new List<string>();
        foreach (var rule in request.Rules.Where(r => !IsShared(r.Kind)))
        {
            var error = $"rule kind '{rule.Kind}' is not supported by the postgres store";
            if (rule.Kind is RuleKind.RowsAtLeast or RuleKind.RowCount)
            {
                fromTotal.Add(rule.Name);
            }
            else if (rule.Kind == RuleKind.Unique)
            {
                queries.Add(new PostgresQuery("unique", UniqueSql(table, rule), [], false, [new RuleAnswer(rule.Name)]));
            }
            else if (rule.Kind == RuleKind.Monotonic)
            {
                var p = new Parameters();
                queries.Add(new PostgresQuery("monotonic", $"SELECT count(*) FROM ({Windowed(request, rule, p)}) AS s WHERE {SqlOrdering.Violation(rule)}", p.Values, false, [new RuleAnswer(rule.Name)]));
            }
            else if (rule.Kind == RuleKind.References && Dangling(dataset, request.Policy, rule, out error) is { } dangling)
            {
                queries.Add(new PostgresQuery("references", $"SELECT count(*) FROM {table} AS s WHERE {dangling}", [], false, [new RuleAnswer(rule.Name)]));
            }
            else
            {
                errors[rule.Name] = error;
            }
        }

        var totalParameters = new Parameters();
        var total = new PostgresQuery("total", $"SELECT count(*) FROM {table}{Within(request.Window, totalParameters)}", totalParameters.Values, true, []);
        return new CheckPlan<PostgresQuery>(dataset, request.Rules, queries, total,
            CheckPlan<PostgresQuery>.PerRule(fused, r => Scan("isolated", dataset, [r], now, request.Window)),
            CheckPlan<PostgresQuery>.PerRule(request.Rules, r => Sample(request, r, sampleLimit)), fromTotal, errors, []);
    }

    // INVARIANT: the fused scan and each rule's isolated scan are built here, so a rule counts the same in both.
    private static PostgresQuery Scan(string purpose, DatasetModel dataset, IReadOnlyList<RuleModel> rules, DateTimeOffset now, CheckWindow? window)
    {
        var p = new Parameters();
        var columns = new List<string> { "count(*)" };
        var answers = new List<RuleAnswer>();
        foreach (var rule in rules)
        {
            if (rule.Kind == RuleKind.Aggregate)
            {
                columns.Add(Aggregate(dataset, rule));
                answers.Add(new RuleAnswer(rule.Name, AnswerShape.Observed));
                continue;
            }

            columns.AddRange(Counts(dataset, rule, now, p));
            answers.Add(new RuleAnswer(rule.Name, rule.Kind != RuleKind.FresherThan ? RuleAnswer.RowShape(rule)
                : rule.OrNull ? AnswerShape.FreshOfNonNull : AnswerShape.FreshOfRows));
        }

        return new PostgresQuery(purpose, $"SELECT {string.Join(", ", columns)} FROM {Sql.Table(dataset)}{Within(window, p)}", p.Values, true, answers);
    }

    private static PostgresQuery? Sample(DatasetCheckRequest request, RuleModel rule, int limit)
    {
        var dataset = request.Dataset;
        var p = new Parameters();
        if (rule.Kind == RuleKind.Aggregate)
        {
            return null;
        }

        var where = IsShared(rule.Kind) ? Violation(dataset, rule, request.Now, p)
            : rule.Kind == RuleKind.Monotonic ? SqlOrdering.Violation(rule) : OwnCondition(dataset, request.Policy, rule);
        if (where is null)
        {
            return null;
        }

        var keyNames = dataset.HasKey ? dataset.KeyColumns : ["ctid"];
        var key = dataset.HasKey ? string.Join(", ", keyNames.Select(k => "s." + Sql.Id(k))) : "s.ctid";
        // ctid has no text output in a sample dictionary that every report can show; cast it.
        var projection = dataset.HasKey ? string.Join(", ", keyNames.Select(k => $"s.{Sql.Id(k)} AS {Sql.Id(k)}")) : "s.ctid::text AS " + Sql.Id("ctid");
        foreach (var column in rule.Columns.Where(c => !keyNames.Contains(c, StringComparer.Ordinal)))
        {
            projection += ", s." + Sql.Id(column);
        }

        if (request.Window?.Sql(c => "s." + Sql.Id(c), p.Add) is { } window)
        {
            where = $"{window} AND ({where})";
        }

        var source = rule.Kind == RuleKind.Monotonic ? $"({Windowed(request, rule, p, dataset.Key is null ? ", ctid, *" : ", *")})" : Sql.Table(dataset);
        var sql = $"SELECT {projection} FROM {source} AS s WHERE {where} ORDER BY {key} LIMIT {p.Add((long)limit)}";
        return new PostgresQuery("sample", sql, p.Values, false, [new RuleAnswer(rule.Name)]);
    }

    /// <summary>
    /// The one-rule query of the per-rule strategy (dbt, Great Expectations): <c>SELECT count(*) FROM t WHERE &lt;violation&gt;</c>.
    /// Not what the store runs (it fuses); for comparisons and benchmarks.
    /// </summary>
    public static PostgresQuery PerRule(DatasetModel dataset, RuleModel rule, DateTimeOffset now)
    {
        if (rule.Kind == RuleKind.Aggregate)
        {
            return new PostgresQuery("per-rule", $"SELECT {Aggregate(dataset, rule)} FROM {Sql.Table(dataset)}", [], false, [new RuleAnswer(rule.Name, AnswerShape.Observed)]);
        }

        var p = new Parameters();
        return new PostgresQuery("per-rule", $"SELECT count(*) FROM {Sql.Table(dataset)} WHERE {Violation(dataset, rule, now, p)}", p.Values, false, [new RuleAnswer(rule.Name)]);
    }

    /// <summary>
    /// A rule's result columns in a fused scan. Most rules: the violation count. <c>fresher than</c>: the rows inside the window,
    /// and with <c>or null</c> the non-null rows, from which the violations follow (total or non-null minus fresh):
    /// one timestamp comparison per row instead of two (read as <see cref="AnswerShape.FreshOfRows"/> or <see cref="AnswerShape.FreshOfNonNull"/>).
    /// </summary>
    private static IEnumerable<string> Counts(DatasetModel dataset, RuleModel rule, DateTimeOffset now, Parameters p)
    {
        if (rule.Kind != RuleKind.FresherThan)
        {
            yield return $"count(*) FILTER (WHERE {Violation(dataset, rule, now, p)})";
            if (rule.ToleranceOfApplicable)
            {
                yield return $"count(*) FILTER (WHERE {SqlConditions.Applicable(rule, Dialect(dataset, p), now)})";
            }

            yield break;
        }

        yield return $"count(*) FILTER (WHERE {Fresh(rule, now, p)})";
        if (rule.OrNull)
        {
            yield return $"count({Sql.Id(rule.Column!)})";
        }
    }

    /// <summary>Kinds one shared scan answers with a row predicate.</summary>
    /// <summary>
    /// An incremental check's <c>WHERE</c>: the rows of <paramref name="window"/> (docs/incremental-checks.md); nothing for the whole table.
    /// The watermarks are sent untyped, so PostgreSQL reads them as the column's type (and an index on it bounds the scan).
    /// </summary>
    private static string Within(CheckWindow? window, Parameters p) => window?.Sql(Sql.Id, p.Add) is { } condition ? " WHERE " + condition : string.Empty;

    private static bool IsShared(RuleKind kind) =>
        kind is RuleKind.Aggregate or RuleKind.NotNull or RuleKind.Between or RuleKind.In or RuleKind.Matches or RuleKind.Compare
            or RuleKind.FresherThan or RuleKind.Condition;

    /// <summary>
    /// The row condition "this row violates the rule". Without <c>or null</c> a null violates; with it a null never does.
    /// A predicate that is unknown (null) for a non-null value counts as a violation, as in the in-memory evaluator.
    /// (An empty <c>in</c> list is <c>FALSE</c>, also strict enough: every row violates.)
    /// </summary>
    private static string Violation(DatasetModel dataset, RuleModel rule, DateTimeOffset now, Parameters p)
    {
        var own = OwnViolation(dataset, rule, now, p);
        return rule.Kind == RuleKind.Condition || rule.Where is not null ? SqlConditions.Violation(rule, own, Dialect(dataset, p), now) : own!;
    }

    /// <summary>How PostgreSQL spells the parts of a row condition (docs/language.md "Row conditions").</summary>
    private static SqlDialect Dialect(DatasetModel dataset, Parameters p) => new(
        Sql.Id,
        p.Add,
        (column, name) => SqlNaN.Test(dataset, name, column, t => NaN(dataset, name), "text"),
        (column, pattern) => $"{column}::text ~ {p.Add(PortableRegex.ForEngine(pattern, RegexDialect.Postgres))}")
    {
        Text = column => $"CAST({column} AS text)",
        IsJson = PostgresJson.Call,
    };

    /// <summary>The violation of a rule of a kind other than <see cref="RuleKind.Condition"/>, before its <c>where</c>; null for a condition.</summary>
    private static string? OwnViolation(DatasetModel dataset, RuleModel rule, DateTimeOffset now, Parameters p)
    {
        if (rule.Kind == RuleKind.Condition)
        {
            return null;
        }

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
        if (rule.Kind == RuleKind.NotNull)
        {
            return rule.OrNull ? "FALSE" : $"{c} IS NULL";
        }
        // Every condition above is strict (null in, null out), so "IS NOT TRUE" already counts a null column as a violation:
        // one test per row instead of "c IS NULL OR NOT coalesce(...)", which matters at millions of rows.
        return rule.OrNull ? $"({c} IS NOT NULL AND ({holds}) IS NOT TRUE)" : $"(({holds}) IS NOT TRUE)";
    }

    /// <summary>
    /// NaN in the type <paramref name="column"/> is declared with: none for integers, <c>numeric</c>'s own NaN for
    /// numeric/decimal (comparing with a double would convert every value), else (double, real, or undeclared) a double.
    /// </summary>
    private static string? NaN(DatasetModel dataset, string column) => TypeFamilies.Declared(dataset, column) switch
    {
        { } t when TypeFamilies.Of(t) == "integer" => null,
        "numeric" or "decimal" => "CAST('NaN' AS NUMERIC)",
        _ => "CAST('NaN' AS DOUBLE PRECISION)",
    };

    /// <summary>Rows inside the freshness window.</summary>
    private static string Fresh(RuleModel rule, DateTimeOffset now, Parameters p) =>
        $"{Sql.Id(rule.Column!)} >= {p.Add(RuleSemantics.Cutoff(rule, now))}";

    /// <summary>The condition on a sampled row <c>s</c> for unique and references rules (samples reuse it); null for other kinds.</summary>
    private static string? OwnCondition(DatasetModel dataset, PolicyModel policy, RuleModel rule) => rule.Kind switch
    {
        RuleKind.Unique when rule.Columns.Count > 1 => SqlText.Duplicated(Sql.Table(dataset), rule.Columns, Sql.Id),
        RuleKind.Unique => $"s.{Sql.Id(rule.Column!)} IN (SELECT {Sql.Id(rule.Column!)} FROM {Sql.Table(dataset)} WHERE {Sql.Id(rule.Column!)} IS NOT NULL " +
                           $"GROUP BY {Sql.Id(rule.Column!)} HAVING count(*) > 1)",
        RuleKind.References => Dangling(dataset, policy, rule, out _),
        _ => null,
    };

    private static string UniqueSql(string table, RuleModel rule)
    {
        if (rule.Columns.Count > 1)
        {
            return $"SELECT coalesce(sum(n), 0) FROM ({SqlText.DuplicateGroups(table, rule.Columns, Sql.Id)}) AS d";
        }

        var c = Sql.Id(rule.Column!);
        return $"SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM {table} WHERE {c} IS NOT NULL GROUP BY {c} HAVING count(*) > 1) AS d";
    }

    private static string? Dangling(DatasetModel dataset, PolicyModel policy, RuleModel rule, out string error) =>
        RuleSemantics.ReferenceTarget(policy, dataset, rule, out error) is { } target ? SqlText.Dangling(rule.Columns, target, rule.TargetColumns, Sql.Id) : null;
}
