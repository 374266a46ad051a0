using Npgsql;
using PolicyLang.Runtime.History;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.Postgres;

// The run history as a PostgreSQL table (docs/history.md "Schema"): the results table `policyc init-db` creates
// (governance.check_results), with the history's columns. A run's records are one INSERT, so one transaction.
public sealed partial class PostgresStore : IHistoryStore
{
    /// <inheritdoc />
    public async Task PrepareHistoryAsync(HistoryModel history, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var missing = await MissingHistoryColumnsAsync(connection, history, ct).ConfigureAwait(false);
        if (missing is { Count: 0 })
        {
            return;
        }

        try
        {
            await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            foreach (var sql in PostgresGovernanceSchema.ResultsTable(history.Location))
            {
                await using var command = new NpgsqlCommand(sql, connection, tx);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.UndefinedObject)
        {
            var what = missing is null ? "does not exist" : $"lacks the history's columns ({string.Join(", ", missing)})";
            throw new RunException($"store '{Model.Name}': the history table '{history.Location}' {what}, and the runner's role may not change it " +
                                   $"({ex.MessageText}): run `policyc init-db` for this store as its administrator", ex);
        }
    }

    /// <summary>The history columns the table lacks; null when the table does not exist.</summary>
    private static async Task<IReadOnlyList<string>?> MissingHistoryColumnsAsync(NpgsqlConnection connection, HistoryModel history, CancellationToken ct)
    {
        await using var command = Command(connection,
            "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped", [Sql.Table(history.Location)]);
        var present = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                present.Add(reader.GetString(0));
            }
        }

        return present.Count == 0 ? null : [.. PostgresGovernanceSchema.HistoryColumns.Where(c => !present.Contains(c))];
    }

    /// <inheritdoc />
    public async Task AppendHistoryAsync(HistoryModel history, IReadOnlyList<HistoryRecord> records, CancellationToken ct)
    {
        if (records.Count == 0)
        {
            return;
        }

        var p = new Parameters();
        var cast = new[] { "::text", "::timestamptz", "::text", "::text", "::text", "::text", "::text", "::text", "::text", "::bigint", "::bigint", "::float8", "::text", "::text", "::text", "::text", "::text" };
        var rows = records.Select(r => "(" + string.Join(", ", HistoryColumns.Values(r).Select((v, i) => p.Add(v) + cast[i])) + ")");
        var columns = string.Join(", ", HistoryColumns.All.Take(cast.Length));
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var insert = Command(connection, $"INSERT INTO {Sql.Table(history.Location)} ({columns}) VALUES {string.Join(", ", rows)}", p.Values);
        await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryRecord>> ReadHistoryAsync(HistoryModel history, HistoryQuery query, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var missing = await MissingHistoryColumnsAsync(connection, history, ct).ConfigureAwait(false);
        if (missing is null)
        {
            return [];
        }

        // A results table of an earlier version has rule rows only: the history's columns read as null.
        string Column(string name) => missing.Contains(name) ? $"NULL::text AS {name}" : name;
        var p = new Parameters();
        var where = $"policy = {p.Add(query.Policy)}";
        if (query.Since is { } since)
        {
            where += $" AND run_at >= {p.Add(since)}";
        }

        if (query.Dataset is not null || query.Rule is not null)
        {
            var entry = missing.Contains("entry") ? "false" : "entry = 'run'";
            where += $" AND ({entry} OR ({(query.Dataset is null ? "true" : $"dataset = {p.Add(query.Dataset)}::text")} AND {(query.Rule is null ? "true" : $"rule = {p.Add(query.Rule)}::text")}))";
        }

        await using var command = Command(connection,
            $"""
             SELECT {Column("run_id")}, run_at, policy, dataset, {Column("entry")}, rule, kind, severity, status, violations, total, tolerance, error,
                    {Column("details")}, {Column("window_column")}, {Column("window_from")}, {Column("window_to")}
             FROM {Sql.Table(history.Location)} WHERE {where}
             """,
            p.Values);
        var records = new List<HistoryRecord>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            records.Add(HistoryFields.Read(reader));
        }

        return records;
    }
}
