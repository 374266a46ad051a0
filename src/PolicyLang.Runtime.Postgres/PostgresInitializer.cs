using Npgsql;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

/// <summary>
/// <c>policyc init-db</c> for a postgres store: <see cref="PostgresSetup"/> run as the administrator, with the store's
/// <c>tls</c> setting applied to the administrator's connection. INVARIANT: no message contains the connection text, and a
/// failed login is reported by its SQLSTATE only (the server's text names the user).
/// </summary>
internal static class PostgresInitializer
{
    public static IReadOnlyList<string> Statements(string runnerRole, string? auditTable) =>
        PostgresSetup.Statements(runnerRole, auditTable ?? PostgresGovernanceSchema.DefaultAuditTable);

    public static async Task<IReadOnlyList<string>> InitAsync(StoreModel store, StoreContext context, string adminConnection, string runnerRole,
        string? auditTable, CancellationToken ct)
    {
        // Validates the role and table names (RunException) before anything connects.
        Statements(runnerRole, auditTable);
        var builder = PostgresConnection.Build(store.Name, adminConnection, context.Get(store, "tls"));
        await using var admin = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
        try
        {
            return await PostgresSetup.InitAsync(admin, runnerRole, auditTable ?? PostgresGovernanceSchema.DefaultAuditTable, ct: ct).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState.StartsWith("28", StringComparison.Ordinal))
        {
            throw new RunException($"store '{store.Name}': the administrator could not log in (SQLSTATE {ex.SqlState}); nothing was changed", ex);
        }
        catch (PostgresException ex)
        {
            throw new RunException($"store '{store.Name}': setup failed and changed nothing: {ex.MessageText} (SQLSTATE {ex.SqlState})", ex);
        }
        catch (NpgsqlException ex)
        {
            // The driver's own message names the host and port; its cause (e.g. "Connection refused") is enough to act on.
            throw new RunException($"store '{store.Name}': could not connect as the administrator: {(ex.InnerException ?? ex).Message}", ex);
        }
    }
}
