using Npgsql;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

// Checks: the plan of PostgresCheckPlanner, run by CheckProtocol; this part only sends its statements.
public sealed partial class PostgresStore : ICheckExecutor<PostgresQuery>
{
    /// <summary>
    /// Counts the rules of <paramref name="request"/> with <see cref="CheckProtocol"/> over the plan of <see cref="PostgresCheckPlanner"/>.
    /// Results are appended to the results history when its table exists (see <see cref="PostgresResults"/>).
    /// </summary>
    public async Task<DatasetCheckResult> CheckAsync(DatasetCheckRequest request, CancellationToken ct)
    {
        var result = await CheckProtocol.CountAsync(PostgresCheckPlanner.Plan(request, 0), this, ct).ConfigureAwait(false);
        if (RecordResults)
        {
            await using var connection = await OpenAsync(ct).ConfigureAwait(false);
            await PostgresResults.RecordAsync(connection, request, result, ct).ConfigureAwait(false);
        }

        return result;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> SampleAsync(DatasetCheckRequest request, RuleModel rule, int limit, CancellationToken ct) =>
        CheckProtocol.SampleAsync(PostgresCheckPlanner.Plan(request, limit), rule, this, ct);

    async Task<IReadOnlyList<object?>> ICheckExecutor<PostgresQuery>.CountAsync(PostgresQuery query, DatasetModel dataset, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await PostgresJson.PrepareAsync(connection, query.Sql, ct).ConfigureAwait(false);
        await using var command = Command(connection, query.Sql, query.Parameters);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        // count(*) is a bigint; sum() over counts a numeric; an aggregate's observed value a double precision (RuleAnswer reads each).
        var values = new object?[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return values;
    }

    async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ICheckExecutor<PostgresQuery>.SampleAsync(PostgresQuery query, DatasetModel dataset, CancellationToken ct)
    {
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await PostgresJson.PrepareAsync(connection, query.Sql, ct).ConfigureAwait(false);
        await using var command = Command(connection, query.Sql, query.Parameters);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(ReadRow(reader));
        }

        return rows;
    }

    string? ICheckExecutor<PostgresQuery>.Rejection(Exception failure, DatasetModel dataset) => (failure as PostgresException)?.MessageText;
}
