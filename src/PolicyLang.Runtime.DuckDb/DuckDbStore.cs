using System.Runtime.CompilerServices;
using DuckDB.NET.Data;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;

namespace PolicyLang.Runtime.DuckDb;

/// <summary>
/// A DuckDB database file: checks (<see cref="IDataStore"/>), retention steps (<see cref="IRetentionSource"/>) and the audit trail (<see cref="IAuditStore"/>).
/// One connection per store per run; calls are sequential.
/// </summary>
public sealed partial class DuckDbStore : IDataStore, IRetentionSource, IAuditStore
{
    private readonly DuckDBConnection connection;

    /// <summary>Opens (or creates) the database file at <paramref name="file"/>.</summary>
    public DuckDbStore(StoreModel model, string file)
    {
        Model = model;
        File = file;
        var builder = new DuckDBConnectionStringBuilder { DataSource = file };
        connection = new DuckDBConnection(builder.ConnectionString);
        connection.Open();
        // Timestamps without zone are read and compared as UTC everywhere in the runtime.
        TryExecute("SET TimeZone = 'UTC'");
    }

    /// <inheritdoc />
    public StoreModel Model { get; }

    /// <summary>The database file.</summary>
    public string File { get; }

    /// <inheritdoc />
    public async IAsyncEnumerable<IReadOnlyDictionary<string, object?>> StreamAsync(DatasetModel dataset, IReadOnlyList<string> fields,
        [EnumeratorCancellation] CancellationToken ct)
    {
        RequireUnambiguous(dataset);
        var columns = new List<string>();
        columns.AddRange(dataset.KeyColumns);

        columns.AddRange(fields.Where(f => !columns.Contains(f, StringComparer.Ordinal)));
        var projection = columns.Count == 0 ? "rowid" : string.Join(", ", columns.Select(Sql.Id));
        using var command = Command($"SELECT {projection} FROM {Sql.Table(dataset)}", null);
        using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            yield return row;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SchemaFinding>> CheckSchemaAsync(DatasetModel dataset, CancellationToken ct)
    {
        RequireUnambiguous(dataset);
        var (schema, table) = Sql.Split(dataset.Location);
        var p = new Parameters();
        var sql = $"SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = {p.Add(table)} AND table_schema = {p.Add(schema ?? "main")}";
        var live = new Dictionary<string, (string Type, bool Nullable)>(StringComparer.OrdinalIgnoreCase);
        using (var command = Command(sql, p))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                live[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2) == "YES");
            }
        }

        var findings = new List<SchemaFinding>();
        if (live.Count == 0)
        {
            throw new RunException($"dataset '{dataset.Name}': table '{dataset.Location}' does not exist in '{File}'");
        }

        foreach (var column in dataset.Columns)
        {
            if (!live.TryGetValue(column.Name, out var actual))
            {
                findings.Add(new SchemaFinding(column.Name, "missing", column.Type, "absent"));
            }
            else
            {
                if (TypeFamilies.Of(column.Type) is { } declared && TypeFamilies.Of(actual.Type) is { } found && declared != found)
                {
                    findings.Add(new SchemaFinding(column.Name, "type", column.Type, actual.Type));
                }

                if (column.NotNull && actual.Nullable)
                {
                    findings.Add(new SchemaFinding(column.Name, "nullability", "not null", "nullable"));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<SchemaFinding>>(findings);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        connection.Dispose();
        return ValueTask.CompletedTask;
    }

    internal DuckDBCommand Command(string sql, Parameters? parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        parameters?.ApplyTo(command);
        return command;
    }

    internal long Scalar(string sql, Parameters? parameters)
    {
        using var command = Command(sql, parameters);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    internal void Execute(string sql, Parameters? parameters = null)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private void TryExecute(string sql)
    {
        try { Execute(sql); }
        catch (DuckDBException) { /* the ICU extension is optional; without it DuckDB has no zones and TIMESTAMP is already zone-less */ }
    }
}
