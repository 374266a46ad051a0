using PolicyLang.Runtime.History;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.DuckDb;

// The run history as a DuckDB table (docs/history.md "Schema"), created when missing. A run's records are one INSERT, so one
// transaction: a crash mid-write loses that run only.
public sealed partial class DuckDbStore : IHistoryStore
{
    /// <inheritdoc />
    public Task PrepareHistoryAsync(HistoryModel history, CancellationToken ct)
    {
        var (schema, _) = Sql.Split(history.Location);
        if (schema is not null)
        {
            Execute($"CREATE SCHEMA IF NOT EXISTS {Sql.Id(schema)}");
        }

        Execute($"""
                 CREATE TABLE IF NOT EXISTS {Sql.Table(history.Location)} (
                   run_id VARCHAR, run_at TIMESTAMP NOT NULL, policy VARCHAR NOT NULL, dataset VARCHAR NOT NULL, entry VARCHAR NOT NULL,
                   rule VARCHAR NOT NULL, kind VARCHAR NOT NULL, severity VARCHAR NOT NULL, status VARCHAR NOT NULL, violations BIGINT NOT NULL,
                   total BIGINT NOT NULL, tolerance DOUBLE, error VARCHAR, details VARCHAR, window_column VARCHAR, window_from VARCHAR,
                   window_to VARCHAR, recorded_at TIMESTAMP NOT NULL)
                 """);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task AppendHistoryAsync(HistoryModel history, IReadOnlyList<HistoryRecord> records, CancellationToken ct)
    {
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        PrepareHistoryAsync(history, ct);
        var p = new Parameters();
        var now = DateTimeOffset.UtcNow;
        var rows = records.Select(r => "(" + string.Join(", ", HistoryColumns.Values(r).Append(now).Select(p.Add)) + ")");
        Execute($"INSERT INTO {Sql.Table(history.Location)} ({string.Join(", ", HistoryColumns.All)}) VALUES {string.Join(", ", rows)}", p);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryRecord>> ReadHistoryAsync(HistoryModel history, HistoryQuery query, CancellationToken ct)
    {
        var (schema, table) = Sql.Split(history.Location);
        var exists = new Parameters();
        if (Scalar($"SELECT count(*) FROM information_schema.tables WHERE table_name = {exists.Add(table)} AND table_schema = {exists.Add(schema ?? "main")}", exists) == 0)
        {
            return Task.FromResult<IReadOnlyList<HistoryRecord>>([]);
        }

        var p = new Parameters();
        var where = $"policy = {p.Add(query.Policy)}";
        if (query.Since is { } since)
        {
            where += $" AND run_at >= {p.Add(since)}";
        }

        if (query.Dataset is not null || query.Rule is not null)
        {
            where += $" AND (entry = 'run' OR ({(query.Dataset is null ? "true" : $"dataset = {p.Add(query.Dataset)}")} AND {(query.Rule is null ? "true" : $"rule = {p.Add(query.Rule)}")}))";
        }

        using var command = Command($"SELECT {string.Join(", ", HistoryColumns.All)} FROM {Sql.Table(history.Location)} WHERE {where}", p);
        using var reader = command.ExecuteReader();
        var records = new List<HistoryRecord>();
        while (reader.Read())
        {
            records.Add(HistoryFields.Read(reader));
        }

        return Task.FromResult<IReadOnlyList<HistoryRecord>>(records);
    }
}
