using Npgsql;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

/// <summary>
/// Opens <c>postgres</c> stores. The <c>connection</c> setting must come from <c>env("...")</c> (a literal would put
/// credentials in the policy file); <c>tls</c> is <c>required</c>, <c>preferred</c> or <c>disabled</c>.
/// Opening builds a connection pool only; the first query connects.
/// </summary>
public sealed class PostgresStoreProvider : IStoreProvider, IStorePlanner, IStoreInitializer
{
    /// <inheritdoc />
    public IReadOnlyList<string> InitStatements(StoreModel store, string runnerRole, string? auditTable) =>
        PostgresInitializer.Statements(runnerRole, auditTable);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> InitAsync(StoreModel store, StoreContext context, string adminConnection, string runnerRole, string? auditTable,
        CancellationToken ct) =>
        PostgresInitializer.InitAsync(store, context, adminConnection, runnerRole, auditTable, ct);

    /// <inheritdoc />
    public void WritePlan(PolicyModel policy, StoreModel store, DateTimeOffset now, TextWriter writer) =>
        PostgresPlanWriter.Write(policy, store, now, writer);

    /// <inheritdoc />
    public string Kind => "postgres";

    /// <inheritdoc />
    public IStore Open(StoreModel store, StoreContext context)
    {
        if (store.Settings.TryGetValue("connection", out var setting) && setting.EnvironmentVariable is null)
        {
            throw new RunException($"store '{store.Name}': the connection setting must be read from the environment with env(\"...\"), never written in the policy");
        }

        var builder = PostgresConnection.Build(store.Name, context.GetRequired(store, "connection"), context.Get(store, "tls"));
        PostgresConnection.Limit(builder, context.Remote);
        return new PostgresStore(store, new NpgsqlDataSourceBuilder(builder.ConnectionString).Build(), recordResults: !context.Options.DryRun && context.Policy.History is null,
            context.Remote, context.RetryBudget);
    }
}
