using Npgsql;

namespace PolicyLang.Runtime.Postgres;

/// <summary>
/// What <c>policyc init-db</c> runs as an administrator: the governance schema, the audit log and the results history,
/// owned by the administrator; the runner's role may read and append but not UPDATE, DELETE or TRUNCATE
/// (and a trigger refuses those to the owner as well).
/// </summary>
public static class PostgresSetup
{
    /// <summary>The statements, in order (for printing before applying).</summary>
    /// <param name="runnerRole">The role policy runs connect as; it must exist.</param>
    /// <param name="auditTable">The audit table (<c>schema.table</c>).</param>
    /// <param name="resultsTable">The results history table (<c>schema.table</c>).</param>
    public static IReadOnlyList<string> Statements(string runnerRole, string auditTable = PostgresGovernanceSchema.DefaultAuditTable,
        string resultsTable = PostgresGovernanceSchema.DefaultResultsTable)
    {
        var role = Sql.Id(runnerRole);
        var statements = new List<string>();
        statements.AddRange(PostgresGovernanceSchema.AuditTable(auditTable));
        statements.AddRange(PostgresGovernanceSchema.ResultsTable(resultsTable));
        foreach (var schema in new[] { auditTable, resultsTable }.Select(t => Sql.Split(t).Schema).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            statements.Add($"GRANT USAGE ON SCHEMA {Sql.Id(schema)} TO {role}");
        }

        foreach (var table in new[] { auditTable, resultsTable }.Select(Sql.Table))
        {
            // REVOKE first: a re-run after someone granted more restores append-only.
            statements.Add($"REVOKE ALL ON {table} FROM PUBLIC, {role}");
            statements.Add($"GRANT SELECT, INSERT ON {table} TO {role}");
        }

        return statements;
    }

    /// <summary>Runs <see cref="Statements"/> in one transaction on <paramref name="admin"/> (a connection as the future owner).</summary>
    public static async Task<IReadOnlyList<string>> InitAsync(NpgsqlDataSource admin, string runnerRole, string auditTable = PostgresGovernanceSchema.DefaultAuditTable,
        string resultsTable = PostgresGovernanceSchema.DefaultResultsTable, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var statements = Statements(runnerRole, auditTable, resultsTable);
        await using var connection = await admin.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection, tx);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return statements;
    }
}
