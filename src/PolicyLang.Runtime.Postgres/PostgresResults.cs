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
