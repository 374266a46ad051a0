using DuckDB.NET.Data;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.DuckDb;

// Checks: the plan of DuckDbCheckPlanner, run by CheckProtocol; this part only sends its statements.
public sealed partial class DuckDbStore : ICheckExecutor<DuckDbQuery>
{
    /// <summary>Counts the rules of <paramref name="request"/> with <see cref="CheckProtocol"/> over the plan of <see cref="DuckDbCheckPlanner"/>.</summary>
    public Task<DatasetCheckResult> CheckAsync(DatasetCheckRequest request, CancellationToken ct)
    {
        RequireUnambiguous(request.Dataset);
        return CheckProtocol.CountAsync(DuckDbCheckPlanner.Plan(request, 0), this, ct);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> SampleAsync(DatasetCheckRequest request, RuleModel rule, int limit, CancellationToken ct) =>
        CheckProtocol.SampleAsync(DuckDbCheckPlanner.Plan(request, limit), rule, this, ct);

    Task<IReadOnlyList<object?>> ICheckExecutor<DuckDbQuery>.CountAsync(DuckDbQuery query, DatasetModel dataset, CancellationToken ct)
    {
        using var command = Command(query.Sql, query.Parameters);
        using var reader = command.ExecuteReader();
        reader.Read();
        var values = new object?[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return Task.FromResult<IReadOnlyList<object?>>(values);
    }

    Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ICheckExecutor<DuckDbQuery>.SampleAsync(DuckDbQuery query, DatasetModel dataset, CancellationToken ct)
    {
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        using var command = Command(query.Sql, query.Parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return Task.FromResult<IReadOnlyList<IReadOnlyDictionary<string, object?>>>(rows);
    }

    string? ICheckExecutor<DuckDbQuery>.Rejection(Exception failure, DatasetModel dataset) =>
        failure is DuckDBException duckDb ? Explain(duckDb, dataset) : null;
}
