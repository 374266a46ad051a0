using System.Runtime.CompilerServices;
using Npgsql;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

/// <summary>
/// A PostgreSQL database: checks (<see cref="IDataStore"/>), retention steps (<see cref="IArchivingDeleteSource"/>), the
/// audit trail (<see cref="IAuditStore"/>) and access control (<see cref="IAccessStore"/>: grants and masked views).
/// Statements run on pooled connections; retention locks hold their own.
/// </summary>
public sealed partial class PostgresStore : IDataStore, IArchivingDeleteSource, IAuditStore, IAccessStore
{
    private readonly NpgsqlDataSource dataSource;
    private readonly RemoteLimits limits;
    private readonly RetryBudget budget;
    private readonly string where;

    /// <summary>Wraps <paramref name="dataSource"/>, which the store owns and disposes.</summary>
    /// <param name="model">The store's declaration.</param>
    /// <param name="dataSource">The connection pool (its command timeout bounds every statement).</param>
    /// <param name="recordResults">Append check results to the results history (off for dry runs, which change nothing).</param>
    /// <param name="limits">The run's limits on remote calls (connection attempts are retried; messages name the timeout); null: the defaults.</param>
    /// <param name="budget">The run's retry budget; null: a budget of <paramref name="limits"/>' own.</param>
    public PostgresStore(StoreModel model, NpgsqlDataSource dataSource, bool recordResults = true, RemoteLimits? limits = null, RetryBudget? budget = null)
    {
        Model = model;
        this.dataSource = dataSource;
        RecordResults = recordResults;
        this.limits = limits ?? RemoteLimits.Default;
        this.budget = budget ?? new RetryBudget(this.limits.RetryBudget);
        where = PostgresFailures.Where(dataSource);
    }

    /// <summary>Whether <see cref="CheckAsync"/> appends to the results history (when its table exists).</summary>
    public bool RecordResults { get; }

    /// <inheritdoc />
    public StoreModel Model { get; }

    /// <summary>The connection pool (for <see cref="PostgresAccess"/> and <see cref="PostgresSetup"/> callers that share it).</summary>
    public NpgsqlDataSource DataSource => dataSource;

    /// <inheritdoc />
    public async IAsyncEnumerable<IReadOnlyDictionary<string, object?>> StreamAsync(DatasetModel dataset, IReadOnlyList<string> fields,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var columns = new List<string>();
        columns.AddRange(dataset.KeyColumns);

        columns.AddRange(fields.Where(f => !columns.Contains(f, StringComparer.Ordinal)));
        var projection = columns.Count == 0 ? "ctid::text AS ctid" : string.Join(", ", columns.Select(Sql.Id));
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        // A server-side cursor inside a transaction streams with bounded memory whatever the table size.
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT {projection} FROM {Sql.Table(dataset)}", connection, tx);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            yield return ReadRow(reader);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var held in locks.Values)
        {
            await held.DisposeAsync().ConfigureAwait(false);
        }

        locks.Clear();
        await dataSource.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public string? DescribeFailure(Exception failure) => PostgresFailures.Describe(Model.Name, where, failure, limits);

    /// <summary>
    /// A pooled connection. A server that cannot be reached is tried again within the run's limits (no statement is ever retried:
    /// a failed transaction is rolled back and the next run redoes its work); the last failure is a <see cref="RunException"/>.
    /// </summary>
    internal async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        try
        {
            return await RemoteCall.RunAsync(t => dataSource.OpenConnectionAsync(t).AsTask(), PostgresFailures.IsTransient, limits, budget, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && PostgresFailures.Describe(Model.Name, where, ex, limits) is { } message)
        {
            throw new RunException(message, ex);
        }
    }

    /// <summary>
    /// Ends session <paramref name="session"/> from a fresh connection when <paramref name="connection"/>, which held a transaction,
    /// broke: a statement got no answer in time (the driver gives up on a server or network path that does not answer even the
    /// cancel) or the connection dropped. The server may not notice for hours (an open TCP path keeps the session alive), and until
    /// then the session stays idle in its transaction, holding its row locks. Ending it rolls the transaction back at once; a role
    /// may end its own sessions. Best effort, within one timeout: when the server cannot be reached either, the failure being
    /// reported already says so.
    /// </summary>
    internal async Task EndIfBrokenAsync(NpgsqlConnection connection, int session)
    {
        // Open: the transaction was rolled back (or committed) on it. Anything else, before this store closed it, means it broke.
        if (connection.State == System.Data.ConnectionState.Open)
        {
            return;
        }

        using var limit = new CancellationTokenSource(limits.Timeout);
        try
        {
            await using var fresh = await dataSource.OpenConnectionAsync(limit.Token).ConfigureAwait(false);
            await using var end = Command(fresh, "SELECT pg_terminate_backend($1::int)", [session]);
            await end.ExecuteNonQueryAsync(limit.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // Unreachable too: the server ends the session when it notices the connection is gone.
        }
    }

    internal async Task<long> ScalarAsync(string sql, IReadOnlyList<object?> parameters, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static NpgsqlCommand Command(NpgsqlConnection connection, string sql, IReadOnlyList<object?> parameters, NpgsqlTransaction? tx = null)
    {
        var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var value in parameters)
        {
            command.Parameters.Add(Parameters.Bind(value));
        }

        return command;
    }

    internal static Dictionary<string, object?> ReadRow(NpgsqlDataReader reader)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Value(reader, i);
        }

        return row;
    }

    // Npgsql reads `date` as DateTime and `time` as TimeSpan; the runtime's types for them are DateOnly and TimeOnly (ColumnValues).
    private static object Value(NpgsqlDataReader reader, int i) => (reader.GetDataTypeName(i), reader.GetValue(i)) switch
    {
        ("date", DateTime d) => DateOnly.FromDateTime(d),
        ("time without time zone", TimeSpan t) => TimeOnly.FromTimeSpan(t),
        (_, var value) => value,
    };
}
