using PolicyLang.Runtime.DuckDb;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Stores.Folder;

namespace PolicyLang.Testing.RetentionProperties;

/// <summary>A case's table in a DuckDB file of its own; table and archive read back by DuckDB as text (UTC session).</summary>
internal sealed class DuckDbPropertyEngine : IRetentionPropertyEngine
{
    private readonly TempDir dir = new();

    public string Name => "duckdb";

    public Dialect Dialect => Dialect.DuckDb;

    public string ArchiveFolder => Path.Combine(dir.Archive, "testpolicy", "events");

    public Task CreateAsync(RetentionCase c)
    {
        dir.Exec(c.CreateTable("events"));
        if (c.Rows.Count > 0)
        {
            dir.Exec(c.Insert("events"));
        }

        return Task.CompletedTask;
    }

    /// <summary>Every column as DuckDB's text form (UTC session), keyed by the key's text form, which manifests record.</summary>
    public Task<TableRows> SnapshotAsync(RetentionCase c) =>
        Task.FromResult(new TableRows(Rows(c, "events").ToDictionary(r => r[0]!, r => r[1..], StringComparer.Ordinal)));

    public async Task<(RetentionResult Result, bool Crashed)> RunAsync(RetentionCase c, bool dryRun = false, bool crash = false)
    {
        var policy = M.DuckDbPolicy([M.Dataset("events", "events", "id", [], c.Retention(M.Src))]);
        await using var store = new DuckDbStore(policy.Stores[0], dir.Db);
        await using var archive = new FolderStore(policy.Stores[1], dir.Archive);
        return await RetentionRun.RunAsync(c, policy.Datasets[0], store, archive, dir.Path, dryRun, crash);
    }

    /// <summary>Each archive object read back by DuckDB: JSON Lines with the table's column types, text-archived ones as their text.</summary>
    public Task<List<ArchivedObject>> ArchiveAsync(RetentionCase c) =>
        Task.FromResult(RetentionInvariant.Manifests(ArchiveFolder).Select(m =>
        {
            var file = Sql(m.File);
            var from = m.Manifest.Format == "jsonl"
                ? $"read_json({file}, format = 'newline_delimited', columns = {{{string.Join(", ", c.Columns.Select(col => $"{Sql(col.Name)}: {Sql(col.Kind == Kind.Text ? "VARCHAR" : col.SqlType)}"))}}})"
                : $"read_parquet({file})";
            return new ArchivedObject(m.Manifest, m.File, Rows(c, from).Select(r => r[1..]).ToList());
        }).ToList());

    /// <summary>The rows of <paramref name="from"/>: the key's text, then every column's.</summary>
    private List<string?[]> Rows(RetentionCase c, string from)
    {
        using var connection = dir.Open();
        using (var utc = connection.CreateCommand())
        {
            utc.CommandText = "SET TimeZone = 'UTC'";
            utc.ExecuteNonQuery();
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT CAST(id AS VARCHAR), {string.Join(", ", c.Columns.Select(col => $"CAST({col.Name} AS VARCHAR)"))} FROM {from}";
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i)).ToArray());
        }

        return rows;
    }

    private static string Sql(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    public ValueTask DisposeAsync()
    {
        dir.Dispose();
        return ValueTask.CompletedTask;
    }
}
