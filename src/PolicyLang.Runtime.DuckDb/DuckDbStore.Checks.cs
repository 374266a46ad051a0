using DuckDB.NET.Data;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.DuckDb;

public sealed partial class DuckDbStore
{
    /// <summary>
    /// One scan computes <c>count(*)</c> and every scan-shareable rule's violations as <c>count(*) FILTER (WHERE ...)</c>;
    /// <c>unique</c> and <c>references</c> take one query each. If the shared scan fails (e.g. a literal that does not cast
    /// to the column's type), each rule is retried alone so one bad rule reports its own error instead of hiding the others.
    /// </summary>
    public Task<DatasetCheckResult> CheckAsync(DatasetCheckRequest request, CancellationToken ct)
    {
        var dataset = request.Dataset;
        RequireUnambiguous(dataset);
        var table = Sql.Table(dataset);
        var counts = new Dictionary<string, RuleCounts>(StringComparer.Ordinal);
        var shared = request.Rules.Where(r => Violation(request.Dataset, r, request.Now, new Parameters()) is not null).ToList();
        var queries = 1;
        long total;
        try
        {
            var (scan, p) = SharedScan(request, shared);
            using var command = Command(scan, p);
            using var reader = command.ExecuteReader();
            reader.Read();
            total = reader.GetInt64(0);
            var i = 1;
            foreach (var rule in shared)
            {
                var violations = reader.GetInt64(i++);
                long? fresh = rule.Kind == RuleKind.FresherThan ? reader.GetInt64(i++) : null;
                counts[rule.Name] = new RuleCounts(rule.Name, violations, total, fresh);
            }
        }
        catch (DuckDBException) when (shared.Count > 0)
        {
            total = Scalar($"SELECT count(*)::BIGINT FROM {table}", null);
            queries++;
            foreach (var rule in shared)
            {
                queries++;
                counts[rule.Name] = Isolated(request.Dataset, rule, table, total, request.Now);
            }
        }

        foreach (var rule in request.Rules.Where(r => !counts.ContainsKey(r.Name)))
        {
            if (rule.Kind == RuleKind.RowsAtLeast)
            {
                counts[rule.Name] = new RuleCounts(rule.Name, Math.Max(0, Convert.ToInt64(rule.Args[0], System.Globalization.CultureInfo.InvariantCulture) - total), total);
                continue;
            }
            var sql = SeparateQuery(request, rule, out var error);
            if (sql is null)
            {
                counts[rule.Name] = new RuleCounts(rule.Name, 0, total, Error: error);
                continue;
            }
            queries++;
            try { counts[rule.Name] = new RuleCounts(rule.Name, Scalar(sql, null), total); }
            catch (DuckDBException ex) { counts[rule.Name] = new RuleCounts(rule.Name, 0, total, Error: Explain(ex, request.Dataset)); }
        }
        return Task.FromResult(new DatasetCheckResult(total, request.Rules.Select(r => counts[r.Name]).ToList(), queries));
    }

    /// <summary>The statements a check of <paramref name="request"/> runs, for `policyc plan` (values shown as $n parameters).</summary>
    public static IReadOnlyList<(string Sql, string? Parameters)> Plan(DatasetCheckRequest request)
    {
        var shared = request.Rules.Where(r => Violation(request.Dataset, r, request.Now, new Parameters()) is not null).ToList();
        var (scan, parameters) = SharedScan(request, shared);
        var statements = new List<(string, string?)> { (scan, parameters.Describe()) };
        foreach (var rule in request.Rules.Where(r => !shared.Contains(r) && r.Kind != RuleKind.RowsAtLeast))
        {
            statements.Add((SeparateQuery(request, rule, out var error) ?? $"-- {rule.Name}: {error}", null));
        }

        return statements;
    }

    // INVARIANT: CheckAsync and Plan build their SQL here, so the plan is exactly what runs.
    private static (string Sql, Parameters Parameters) SharedScan(DatasetCheckRequest request, IReadOnlyList<RuleModel> shared)
    {
        var p = new Parameters();
        var columns = new List<string> { "count(*)::BIGINT" };
        foreach (var rule in shared)
        {
            columns.Add($"(count(*) FILTER (WHERE {Violation(request.Dataset, rule, request.Now, p)}))::BIGINT");
            if (rule.Kind == RuleKind.FresherThan) columns.Add($"(count(*) FILTER (WHERE {Fresh(rule, request.Now, p)}))::BIGINT");
        }
        return ($"SELECT {string.Join(", ", columns)} FROM {Sql.Table(request.Dataset)}", p);
    }

    private static string? SeparateQuery(DatasetCheckRequest request, RuleModel rule, out string error)
    {
        var table = Sql.Table(request.Dataset);
        error = $"rule kind '{rule.Kind}' is not supported by the duckdb store";
        if (rule.Kind == RuleKind.Unique)
            return $"SELECT coalesce(sum(n), 0)::BIGINT FROM (SELECT count(*) AS n FROM {table} WHERE {Sql.Id(rule.Column!)} IS NOT NULL GROUP BY {Sql.Id(rule.Column!)} HAVING count(*) > 1)";
        if (rule.Kind == RuleKind.References && ReferencesSql(request, rule, out error) is { } refs)
            return $"SELECT count(*)::BIGINT FROM {table} AS s WHERE {refs}";
        return null;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> SampleAsync(DatasetCheckRequest request, RuleModel rule, int limit, CancellationToken ct)
    {
        var dataset = request.Dataset;
        var table = Sql.Table(dataset);
        var p = new Parameters();
        var where = rule.Kind switch
        {
            RuleKind.Unique => $"{Sql.Id(rule.Column!)} IN (SELECT {Sql.Id(rule.Column!)} FROM {table} WHERE {Sql.Id(rule.Column!)} IS NOT NULL GROUP BY 1 HAVING count(*) > 1)",
            RuleKind.References => ReferencesSql(request, rule, out _),
            _ => Violation(request.Dataset, rule, request.Now, p),
        };
        if (where is null) return Task.FromResult<IReadOnlyList<IReadOnlyDictionary<string, object?>>>([]);
        var keyName = dataset.Key ?? "rowid";
        var projection = Sql.Key(dataset) + " AS " + Sql.Id(keyName);
        if (rule.Column is { } column && !string.Equals(column, keyName, StringComparison.Ordinal)) projection += ", " + Sql.Id(column);
        var sql = $"SELECT {projection} FROM {table} AS s WHERE {where} ORDER BY {Sql.Key(dataset)} LIMIT {p.Add((long)limit)}";
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        using var command = Command(sql, p);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return Task.FromResult<IReadOnlyList<IReadOnlyDictionary<string, object?>>>(rows);
    }

    private RuleCounts Isolated(DatasetModel dataset, RuleModel rule, string table, long total, DateTimeOffset now)
    {
        try
        {
            var p = new Parameters();
            var fresh = rule.Kind == RuleKind.FresherThan ? $", (count(*) FILTER (WHERE {Fresh(rule, now, p)}))::BIGINT" : ", 0::BIGINT";
            using var command = Command($"SELECT (count(*) FILTER (WHERE {Violation(dataset, rule, now, p)}))::BIGINT{fresh} FROM {table}", p);
            using var reader = command.ExecuteReader();
            reader.Read();
            return new RuleCounts(rule.Name, reader.GetInt64(0), total, rule.Kind == RuleKind.FresherThan ? reader.GetInt64(1) : null);
        }
        catch (DuckDBException ex)
        {
            return new RuleCounts(rule.Name, 0, total, Error: Explain(ex, dataset));
        }
    }

    /// <summary>
    /// The violation condition of a scan-shareable rule, or null for kinds that need their own query (and for a
    /// <c>matches</c> pattern outside the portable subset, which <see cref="SeparateQuery"/> reports as the rule's error).
    /// Without <c>or null</c> a null violates; with it a null never does.
    /// </summary>
    /// <summary>NaN for a comparison guard: none for columns declared integer or decimal (DuckDB decimals hold no NaN), else a double.</summary>
    private static string? NaN(DatasetModel dataset, string column) =>
        TypeFamilies.Declared(dataset, column) is { } t && (TypeFamilies.Of(t) == "integer" || t is "numeric" or "decimal")
            ? null
            : "CAST('NaN' AS DOUBLE)";

    private static string? Violation(DatasetModel dataset, RuleModel rule, DateTimeOffset now, Parameters p)
    {
        if (rule.Column is null) return null;
        var c = Sql.Id(rule.Column);
        string? holds = rule.Kind switch
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
        if (holds is null) return null;
        var broken = $"coalesce(NOT ({holds}), TRUE)";
        return rule.OrNull ? $"({c} IS NOT NULL AND {broken})" : $"({c} IS NULL OR {broken})";
    }

    private static string Fresh(RuleModel rule, DateTimeOffset now, Parameters p) =>
        $"{Sql.Id(rule.Column!)} >= {p.AddOperand(RuleSemantics.Cutoff(rule, now))}";

    private static string? ReferencesSql(DatasetCheckRequest request, RuleModel rule, out string error)
    {
        error = "";
        var target = request.Policy.Datasets.FirstOrDefault(d => d.Name == rule.TargetDataset);
        if (target is null) { error = $"references: no dataset named '{rule.TargetDataset}'"; return null; }
        if (target.Store != request.Dataset.Store)
        {
            error = $"references: dataset '{target.Name}' is in store '{target.Store}', not '{request.Dataset.Store}'; cross-store references are not supported";
            return null;
        }
        var c = Sql.Id(rule.Column!);
        return $"s.{c} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {Sql.Table(target)} AS x WHERE x.{Sql.Id(rule.TargetColumn!)} = s.{c})";
    }
}
