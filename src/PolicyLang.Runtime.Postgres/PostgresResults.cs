using Npgsql;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

/// <summary>
/// The results history (<c>governance.check_results</c>): every store-side rule result of every run, appended after the
/// dataset's checks when the table exists (it is created by <see cref="PostgresSetup.InitAsync"/>; a run never creates it,
/// so a database without it is left untouched). Dashboards chart <c>violations / total</c> by <c>run_at</c>.
/// </summary>
public static class PostgresResults
{
    /// <summary>The history table the store appends to.</summary>
    public const string Table = PostgresGovernanceSchema.DefaultResultsTable;

    internal static async Task RecordAsync(NpgsqlConnection connection, DatasetCheckRequest request, DatasetCheckResult result, CancellationToken ct)
    {
        await using (var exists = PostgresStore.Command(connection, "SELECT to_regclass($1) IS NOT NULL", [Sql.Table(Table)]))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(ct).ConfigureAwait(false))!)
            {
                return;
            }
        }

        var rules = request.Rules.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var p = new Parameters();
        var rows = new List<string>();
        foreach (var counts in result.Counts)
        {
            var rule = rules[counts.Rule];
            var (status, _) = RuleSemantics.Decide(rule, counts);
            var values = new object?[]
            {
                request.Now, request.Policy.Name, request.Dataset.Name, rule.Name, rule.Kind.ToString(), rule.Severity.ToString().ToLowerInvariant(),
                status.ToString().ToLowerInvariant(), counts.Violations, counts.Total, rule.Tolerance, counts.Error,
            };
            // Typed casts: text parameters are sent untyped, and a null tolerance or error has no type of its own.
            var cast = new[] { "", "::text", "::text", "::text", "::text", "::text", "::text", "::bigint", "::bigint", "::float8", "::text" };
            rows.Add("(" + string.Join(", ", values.Select((v, i) => p.Add(v) + cast[i])) + ")");
        }

        if (rows.Count == 0)
        {
            return;
        }

        await using var insert = PostgresStore.Command(connection,
            $"INSERT INTO {Sql.Table(Table)} (run_at, policy, dataset, rule, kind, severity, status, violations, total, tolerance, error) VALUES {string.Join(", ", rows)}",
            p.Values);
        await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}

/// <summary>One dataset's run in the results history: when, how many rules were checked and passed, and their violations.</summary>
public sealed record DatasetRunSummary(DateTimeOffset RunAt, string Dataset, int Rules, int Passed, long Violations);

/// <summary>Reads the results history back for reports (<c>policyc docs --html --history</c>).</summary>
public static class PostgresResultsReader
{
    /// <summary>
    /// The last <paramref name="runs"/> runs of each dataset of <paramref name="policy"/>, oldest first; empty when the history table
    /// does not exist (nothing was ever recorded). <paramref name="connection"/> and <paramref name="tls"/> are the store's settings, as a run reads them.
    /// </summary>
    /// <exception cref="RunException">The connection is invalid or the server cannot be read (the message never repeats the connection text).</exception>
    public static async Task<IReadOnlyList<DatasetRunSummary>> ReadAsync(string storeName, string connection, string? tls, string policy, int runs, CancellationToken ct)
    {
        var settings = PostgresConnection.Build(storeName, connection, tls);
        try
        {
            return await ReadAsync(settings, policy, runs, ct).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw new RunException($"store '{storeName}': cannot read the results history ({settings.Host}:{settings.Port}): {e.Message}");
        }
    }

    private static async Task<IReadOnlyList<DatasetRunSummary>> ReadAsync(NpgsqlConnectionStringBuilder settings, string policy, int runs, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using (var exists = PostgresStore.Command(connection, "SELECT to_regclass($1) IS NOT NULL", [Sql.Table(PostgresResults.Table)]))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(ct).ConfigureAwait(false))!)
            {
                return [];
            }
        }

        await using var query = PostgresStore.Command(connection,
            $"""
            SELECT run_at, dataset, rules, passed, violations FROM (
              SELECT run_at, dataset, count(*)::int AS rules, (count(*) FILTER (WHERE status = 'passed'))::int AS passed,
                     coalesce(sum(violations), 0)::bigint AS violations,
                     row_number() OVER (PARTITION BY dataset ORDER BY run_at DESC) AS recent
              FROM {Sql.Table(PostgresResults.Table)} WHERE policy = $1 GROUP BY run_at, dataset) runs
            WHERE recent <= $2 ORDER BY dataset, run_at
            """,
            [policy, runs]);
        var result = new List<DatasetRunSummary>();
        await using var reader = await query.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            result.Add(new DatasetRunSummary(
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc)), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt64(4)));
        }

        return result;
    }
}
