using System.Globalization;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Stores.Folder;

namespace PolicyLang.Testing.RetentionProperties;

/// <summary>
/// A case's table (<c>events_&lt;seed&gt;</c>, with an index on the retention column when the case asks) in the class's
/// database on the test server, read in the case's chunk size; archives are read back without the database, as a restore would.
/// </summary>
internal sealed class PostgresPropertyEngine(PgDatabase db) : IRetentionPropertyEngine
{
    private readonly TempDir dir = new();

    public string Name => "postgres";

    public Dialect Dialect => Dialect.Postgres;

    public string ArchiveFolder => Path.Combine(dir.Archive, "testpolicy", "events");

    public async Task CreateAsync(RetentionCase c)
    {
        await db.ExecAsync(c.CreateTable(Table(c)));
        if (c.Indexed)
        {
            await db.ExecAsync($"CREATE INDEX ON {Table(c)} (created, id)");
        }

        if (c.Rows.Count > 0)
        {
            await db.ExecAsync(c.Insert(Table(c)));
        }
    }

    public async Task<TableRows> SnapshotAsync(RetentionCase c)
    {
        var columns = c.Columns.Select(col => col.Kind == Kind.Timestamp ? $"to_char({AsUtcTimestamp(col)}, 'YYYY-MM-DD\"T\"HH24:MI:SS.US')" : $"{col.Name}::text");
        var rows = await db.QueryAsync($"SELECT id::text, {string.Join(", ", columns)} FROM {Table(c)}");
        return new TableRows(rows.ToDictionary(r => (string)r[0]!,
            r => c.Columns.Select((col, i) => r[i + 1] is string text && col.Kind == Kind.Float ? PostgresArchiveRows.Float(double.Parse(text, CultureInfo.InvariantCulture)) : (string?)r[i + 1]).ToArray(),
            StringComparer.Ordinal));
    }

    public async Task<(RetentionResult Result, bool Crashed)> RunAsync(RetentionCase c, bool dryRun = false, bool crash = false)
    {
        var policy = M.PostgresPolicy([M.Dataset("events", Table(c), "id", [], c.Retention(M.Src))]);
        await using var store = M.OpenPostgres(policy, db.ConnectionString);
        store.ChunkRows = c.ChunkRows;
        await using var archive = new FolderStore(policy.Stores[1], dir.Archive);
        return await RetentionRun.RunAsync(c, policy.Datasets[0], store, archive, dir.Path, dryRun, crash);
    }

    public async Task<List<ArchivedObject>> ArchiveAsync(RetentionCase c)
    {
        var objects = new List<ArchivedObject>();
        foreach (var (manifest, file) in RetentionInvariant.Manifests(ArchiveFolder))
        {
            objects.Add(new ArchivedObject(manifest, file, manifest.Format == "jsonl" ? PostgresArchiveRows.JsonLines(c, file) : await PostgresArchiveRows.ParquetAsync(c, file)));
        }

        return objects;
    }

    private static string Table(RetentionCase c) => $"events_{c.Seed}";

    private static string AsUtcTimestamp(ColumnSpec col) => col.SqlType switch
    {
        "timestamptz" => $"{col.Name} AT TIME ZONE 'UTC'",
        "date" => $"{col.Name}::timestamp",
        _ => col.Name,
    };

    public ValueTask DisposeAsync()
    {
        dir.Dispose();
        return ValueTask.CompletedTask;
    }
}
