using Npgsql;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>
    /// Runs the plan of <see cref="PostgresCheckPlanner.Describe"/>: one fused scan, then one query per <c>unique</c> and
    /// <c>references</c> rule. If the fused scan fails (e.g. a literal that does not cast to the column's type), each rule
    /// is retried alone so one bad rule reports its own error instead of hiding the others. Results are appended to the
    /// results history when its table exists (see <see cref="PostgresResults"/>).
    /// </summary>
    public async Task<DatasetCheckResult> CheckAsync(DatasetCheckRequest request, CancellationToken ct)
    {
        var dataset = request.Dataset;
        var plan = PostgresCheckPlanner.Describe(dataset, request.Policy, request.Now, request.Rules);
        var byName = request.Rules.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var counts = new Dictionary<string, RuleCounts>(StringComparer.Ordinal);
        var queries = 0;
        long total = 0;
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);

        var fused = plan.Queries[0];
        queries++;
        try
        {
            await using var command = Command(connection, fused.Sql, fused.Parameters);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.ReadAsync(ct).ConfigureAwait(false);
            total = reader.GetInt64(0);
            var i = 1;
            foreach (var name in fused.Rules) counts[name] = ReadCounts(reader, ref i, byName[name], total);
        }
        catch (PostgresException) when (fused.Rules.Count > 0)
        {
            foreach (var name in fused.Rules)
            {
                queries++;
                counts[name] = await IsolatedAsync(connection, dataset, byName[name], request.Now, ct).ConfigureAwait(false);
            }
            total = counts.Values.FirstOrDefault(c => c.Error is null)?.Total
                ?? await CountAsync(connection, dataset, ct).ConfigureAwait(false);
        }

        foreach (var rule in request.Rules.Where(r => r.Kind == RuleKind.RowsAtLeast))
            counts[rule.Name] = new RuleCounts(rule.Name, Math.Max(0, Convert.ToInt64(rule.Args[0], System.Globalization.CultureInfo.InvariantCulture) - total), total);
        foreach (var (name, error) in plan.Errors) counts[name] = new RuleCounts(name, 0, total, Error: error);
        foreach (var query in plan.Queries.Skip(1))
        {
            queries++;
            var name = query.Rules[0];
            try
            {
                await using var command = Command(connection, query.Sql, query.Parameters);
                var value = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
                counts[name] = new RuleCounts(name, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), total);
            }
            catch (PostgresException ex) { counts[name] = new RuleCounts(name, 0, total, Error: ex.MessageText); }
        }

        var result = new DatasetCheckResult(total, request.Rules.Select(r => counts[r.Name]).ToList(), queries);
        if (RecordResults) await PostgresResults.RecordAsync(connection, request, result, ct).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> SampleAsync(DatasetCheckRequest request, RuleModel rule, int limit, CancellationToken ct)
    {
        var dataset = request.Dataset;
        var p = new Parameters();
        var where = PostgresCheckPlanner.IsShared(rule.Kind)
            ? PostgresCheckPlanner.Violation(dataset, rule, request.Now, p)
            : PostgresCheckPlanner.OwnCondition(dataset, request.Policy, rule);
        if (where is null) return [];
        var keyName = dataset.Key ?? "ctid";
        var key = dataset.Key is null ? "s.ctid" : "s." + Sql.Id(dataset.Key);
        // ctid has no text output in a sample dictionary that every report can show; cast it.
        var projection = (dataset.Key is null ? "s.ctid::text" : key) + " AS " + Sql.Id(keyName);
        if (rule.Column is { } column && !string.Equals(column, keyName, StringComparison.Ordinal)) projection += ", s." + Sql.Id(column);
        var sql = $"SELECT {projection} FROM {Sql.Table(dataset)} AS s WHERE {where} ORDER BY {key} LIMIT {p.Add((long)limit)}";
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection, sql, p.Values);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) rows.Add(ReadRow(reader));
        return rows;
    }

    private static async Task<RuleCounts> IsolatedAsync(NpgsqlConnection connection, DatasetModel dataset, RuleModel rule, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            var query = PostgresCheckPlanner.Isolated(dataset, rule, now);
            await using var command = Command(connection, query.Sql, query.Parameters);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.ReadAsync(ct).ConfigureAwait(false);
            var i = 1;
            return ReadCounts(reader, ref i, rule, reader.GetInt64(0));
        }
        catch (PostgresException ex)
        {
            return new RuleCounts(rule.Name, 0, 0, Error: ex.MessageText);
        }
    }

    /// <summary>Reads one rule's columns of <see cref="PostgresCheckPlanner.Counts"/>, starting at column <paramref name="i"/>.</summary>
    private static RuleCounts ReadCounts(NpgsqlDataReader reader, ref int i, RuleModel rule, long total)
    {
        if (rule.Kind != RuleKind.FresherThan) return new RuleCounts(rule.Name, reader.GetInt64(i++), total);
        var fresh = reader.GetInt64(i++);
        long? nonNull = rule.OrNull ? reader.GetInt64(i++) : null;
        return new RuleCounts(rule.Name, PostgresCheckPlanner.FreshViolations(rule, total, fresh, nonNull), total, fresh);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, DatasetModel dataset, CancellationToken ct)
    {
        await using var command = Command(connection, $"SELECT count(*) FROM {Sql.Table(dataset)}", []);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
