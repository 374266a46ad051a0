using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.DuckDb;

/// <summary>
/// Builds the <see cref="CheckPlan{TQuery}"/> of a DuckDB dataset: one scan computing <c>count(*)</c> and every row rule's
/// violations as <c>count(*) FILTER (WHERE ...)</c>; one query per <c>unique</c> and <c>references</c> rule.
/// </summary>
internal static partial class DuckDbCheckPlanner
{
    /// <summary>The plan checking <paramref name="request"/>; sample queries select up to <paramref name="sampleLimit"/> rows.</summary>
    public static CheckPlan<DuckDbQuery> Plan(DatasetCheckRequest request, int sampleLimit)
    {
        var dataset = request.Dataset;
        var table = Sql.Table(dataset);
        var fused = request.Rules.Where(r => r.Kind == RuleKind.Aggregate || Violation(dataset, r, request.Now, new Parameters()) is not null).ToList();
        var queries = new List<DuckDbQuery> { Scan("fused", dataset, fused, request.Now, request.Window) };
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var fromTotal = new List<string>();
        var p = new Parameters();
        foreach (var rule in request.Rules.Where(r => !fused.Contains(r)))
        {
            if (rule.Kind is RuleKind.RowsAtLeast or RuleKind.RowCount)
            {
                fromTotal.Add(rule.Name);
            }
            else if (Alone(request, rule, table, p, out var error) is { } sql)
            {
                queries.Add(new DuckDbQuery(rule.Kind.ToString().ToLowerInvariant(), sql, p, false, [new RuleAnswer(rule.Name)]));
                p = new Parameters();
            }
            else
            {
                errors[rule.Name] = error;
            }
        }

        var totalParameters = new Parameters();
        return new CheckPlan<DuckDbQuery>(dataset, request.Rules, queries,
            new DuckDbQuery("total", $"SELECT count(*)::BIGINT FROM {table}{Within(request.Window, totalParameters)}", totalParameters, true, []),
            CheckPlan<DuckDbQuery>.PerRule(fused, r => Scan("isolated", dataset, [r], request.Now, request.Window)),
            CheckPlan<DuckDbQuery>.PerRule(request.Rules, r => Sample(request, r, sampleLimit)), fromTotal, errors, []);
    }

    // INVARIANT: the fused scan and each rule's isolated scan are built here, so a rule counts the same in both.
    private static DuckDbQuery Scan(string purpose, DatasetModel dataset, IReadOnlyList<RuleModel> rules, DateTimeOffset now, CheckWindow? window)
    {
        var p = new Parameters();
        var columns = new List<string> { "count(*)::BIGINT" };
        var answers = new List<RuleAnswer>();
        foreach (var rule in rules)
        {
            if (rule.Kind == RuleKind.Aggregate)
            {
                columns.Add(Aggregate(dataset, rule));
                answers.Add(new RuleAnswer(rule.Name, AnswerShape.Observed));
                continue;
            }

            columns.Add($"(count(*) FILTER (WHERE {Violation(dataset, rule, now, p)}))::BIGINT");
            if (rule.Kind == RuleKind.FresherThan)
            {
                columns.Add($"(count(*) FILTER (WHERE {Fresh(rule, now, p)}))::BIGINT");
            }

            else if (rule.ToleranceOfApplicable)
            {
                columns.Add($"(count(*) FILTER (WHERE {SqlConditions.Applicable(rule, Dialect(dataset, p), now)}))::BIGINT");
            }

            answers.Add(new RuleAnswer(rule.Name, rule.Kind == RuleKind.FresherThan ? AnswerShape.ViolationsAndFresh : RuleAnswer.RowShape(rule)));
        }

        return new DuckDbQuery(purpose, $"SELECT {string.Join(", ", columns)} FROM {Sql.Table(dataset)}{Within(window, p)}", p, true, answers);
    }

    // The plan fragments of rules that need their own query; null (with the reason) for a rule this store cannot evaluate.
    private static string? Alone(DatasetCheckRequest request, RuleModel rule, string table, Parameters p, out string error)
    {
        error = $"rule kind '{rule.Kind}' is not supported by the duckdb store";
        if (rule.Kind == RuleKind.Unique && rule.Columns.Count > 1)
        {
            return $"SELECT coalesce(sum(n), 0)::BIGINT FROM ({SqlText.DuplicateGroups(table, rule.Columns, Sql.Id)})";
        }

        if (rule.Kind == RuleKind.Monotonic)
        {
            return $"SELECT count(*)::BIGINT FROM ({Windowed(request, rule, p)}) AS s WHERE {SqlOrdering.Violation(rule)}";
        }

        if (rule.Kind == RuleKind.Unique)
        {
            return $"SELECT coalesce(sum(n), 0)::BIGINT FROM (SELECT count(*) AS n FROM {table} WHERE {Sql.Id(rule.Column!)} IS NOT NULL GROUP BY {Sql.Id(rule.Column!)} HAVING count(*) > 1)";
        }

        if (rule.Kind == RuleKind.References && Dangling(request, rule, out error) is { } dangling)
        {
            return $"SELECT count(*)::BIGINT FROM {table} AS s WHERE {dangling}";
        }

        return null;
    }

    private static DuckDbQuery? Sample(DatasetCheckRequest request, RuleModel rule, int limit)
    {
        var dataset = request.Dataset;
        var table = Sql.Table(dataset);
        var p = new Parameters();
        var where = rule.Kind switch
        {
            RuleKind.Unique when rule.Columns.Count > 1 => SqlText.Duplicated(table, rule.Columns, Sql.Id),
            RuleKind.Unique => $"{Sql.Id(rule.Column!)} IN (SELECT {Sql.Id(rule.Column!)} FROM {table} WHERE {Sql.Id(rule.Column!)} IS NOT NULL GROUP BY 1 HAVING count(*) > 1)",
            RuleKind.References => Dangling(request, rule, out _),
            RuleKind.Monotonic => SqlOrdering.Violation(rule),
            _ => Violation(dataset, rule, request.Now, p),
        };
        if (where is null)
        {
            return null;
        }

        var keyNames = dataset.HasKey ? dataset.KeyColumns : ["rowid"];
        var projection = string.Join(", ", keyNames.Select(k => $"{(dataset.HasKey ? Sql.Id(k) : k)} AS {Sql.Id(k)}"));
        foreach (var column in rule.Columns.Where(c => !keyNames.Contains(c, StringComparer.Ordinal)))
        {
            projection += ", " + Sql.Id(column);
        }

        if (request.Window?.Sql(Sql.Id, p.Add) is { } window)
        {
            where = $"{window} AND ({where})";
        }

        // An ordering rule samples from its window query; without a key, the rowid crosses it as __key (`*` does not carry it).
        var source = rule.Kind == RuleKind.Monotonic ? $"({Windowed(request, rule, p, dataset.HasKey ? ", *" : ", rowid AS __key, *")})" : table;
        var sql = rule.Kind == RuleKind.Monotonic && !dataset.HasKey
            ? $"SELECT __key AS {Sql.Id("rowid")}{projection[("rowid AS " + Sql.Id("rowid")).Length..]} FROM {source} AS s WHERE {where} ORDER BY __key LIMIT {p.Add((long)limit)}"
            : $"SELECT {projection} FROM {source} AS s WHERE {where} ORDER BY {Sql.Key(dataset)} LIMIT {p.Add((long)limit)}";
        return new DuckDbQuery("sample", sql, p, false, [new RuleAnswer(rule.Name)]);
    }

    /// <summary>
    /// An incremental check's <c>WHERE</c>: the rows of <paramref name="window"/> (docs/incremental-checks.md); nothing for the whole table.
    /// The watermarks are text parameters, which DuckDB types after the column they meet.
    /// </summary>
    private static string Within(CheckWindow? window, Parameters p) => window?.Sql(Sql.Id, p.Add) is { } condition ? " WHERE " + condition : string.Empty;

    /// <summary>NaN for a comparison guard: none for columns declared integer or decimal (DuckDB decimals hold no NaN), else a double.</summary>
    private static string? NaN(DatasetModel dataset, string column) =>
        TypeFamilies.Declared(dataset, column) is { } t && (TypeFamilies.Of(t) == "integer" || t is "numeric" or "decimal")
            ? null
            : "CAST('NaN' AS DOUBLE)";

    /// <summary>
    /// The plan fragment of a row rule: the condition "this row violates it", or null for kinds that need their own query.
    /// Without <c>or null</c> a null violates; with it a null never does.
    /// </summary>
    private static string? Violation(DatasetModel dataset, RuleModel rule, DateTimeOffset now, Parameters p)
    {
        if (rule.Column is null)
        {
            return null;
        }

        if (rule.Kind == RuleKind.Condition)
        {
            return "(" + SqlConditions.Violation(rule, null, Dialect(dataset, p), now) + ")";
        }

        var c = Sql.Id(rule.Column);
        var holds = rule.Kind switch
        {
            RuleKind.NotNull => "TRUE",
            // Two comparisons, not BETWEEN, which would cast both bounds (and the column) to one type.
            RuleKind.Between => $"{c} >= {p.AddOperand(rule.Args[0])} AND {c} <= {p.AddOperand(rule.Args[1])}",
            RuleKind.In => rule.Args.Count == 0 ? "FALSE" : SqlText.InList(c, rule.Args, p.AddOperand),
            // regexp_matches searches (a partial match suffices); the pattern is translated to RE2 from the portable subset.
            RuleKind.Matches => $"regexp_matches(CAST({c} AS VARCHAR), {p.Add(PortableRegex.ForEngine((string)rule.Args[0]!, RegexDialect.Re2))})",
            RuleKind.Compare => SqlText.Compare(c, rule.Operator, rule.Args[0], p.AddOperand(rule.Args[0]), NaN(dataset, rule.Column)),
            RuleKind.FresherThan => Fresh(rule, now, p),
            _ => null,
        };
        if (holds is null)
        {
            return null;
        }

        var broken = $"coalesce(NOT ({holds}), TRUE)";
        var violation = rule.OrNull ? $"({c} IS NOT NULL AND {broken})" : $"({c} IS NULL OR {broken})";
        return rule.Where is null ? violation : SqlConditions.Violation(rule, violation, Dialect(dataset, p), now);
    }

    /// <summary>How DuckDB spells the parts of a row condition (docs/language.md "Row conditions").</summary>
    private static SqlDialect Dialect(DatasetModel dataset, Parameters p) => new(
        Sql.Id,
        p.AddOperand,
        (column, name) => SqlNaN.Test(dataset, name, column, t => t is "numeric" or "decimal" ? null : "CAST('NaN' AS DOUBLE)", "VARCHAR"),
        (column, pattern) => $"regexp_matches(CAST({column} AS VARCHAR), {p.Add(PortableRegex.ForEngine(pattern, RegexDialect.Re2))})")
    {
        Text = column => $"CAST({column} AS VARCHAR)",
        IsJson = text => $"json_valid({text})",
    };

    private static string Windowed(DatasetCheckRequest request, RuleModel rule, Parameters p, string extra = "") =>
        SqlOrdering.Windowed(rule, request.Dataset.Key, Sql.Table(request.Dataset), Dialect(request.Dataset, p), request.Now, _ => string.Empty, extra);

    private static string Fresh(RuleModel rule, DateTimeOffset now, Parameters p) =>
        $"{Sql.Id(rule.Column!)} >= {p.AddOperand(RuleSemantics.Cutoff(rule, now))}";

    private static string? Dangling(DatasetCheckRequest request, RuleModel rule, out string error) =>
        RuleSemantics.ReferenceTarget(request.Policy, request.Dataset, rule, out error) is { } target
            ? SqlText.Dangling(rule.Columns, target, rule.TargetColumns, Sql.Id)
            : null;
}
