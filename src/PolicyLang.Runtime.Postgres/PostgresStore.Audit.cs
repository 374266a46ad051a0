using System.Text.Json;
using Npgsql;
using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>
    /// Opens the audit trail in <c>audit.Table</c> (default <c>governance.audit_log</c>), creating it when missing.
    /// When <see cref="PostgresSetup"/> created it, the runner's role needs no CREATE privilege: nothing is created.
    /// </summary>
    public async Task<IAuditSink> OpenAuditAsync(AuditModel audit, string policy, CancellationToken ct)
    {
        var location = audit.Table ?? PostgresGovernanceSchema.DefaultAuditTable;
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        // Serialise creation: two runs racing through CREATE TABLE IF NOT EXISTS can still collide in the catalog.
        await using (var lockCommand = Command(connection, "SELECT pg_advisory_xact_lock(hashtext($1))", ["policylang.audit.create"], tx))
        {
            await lockCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await using (var exists = Command(connection, "SELECT to_regclass($1) IS NOT NULL", [Sql.Table(location)], tx))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(ct).ConfigureAwait(false))!)
            {
                foreach (var sql in PostgresGovernanceSchema.AuditTable(location))
                {
                    await using var create = new NpgsqlCommand(sql, connection, tx);
                    await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
            }
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new PostgresAuditSink(this, location, policy, audit.TamperEvident);
    }
}
