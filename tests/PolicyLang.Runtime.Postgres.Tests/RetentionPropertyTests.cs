using System.Globalization;
using System.Text.Json;
using Parquet;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Stores.Folder;
using PolicyLang.Testing.RetentionProperties;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>
/// Retention on generated PostgreSQL tables (RetentionCases, fixed seeds; small chunks, with and without an index on the
/// retention column): a dry run changes nothing and counts right, the run (or a run crashed at a fault point and its rerun)
/// keeps the promise exactly (RetentionInvariant), and a second run does nothing. Archives are read back without the database, as a restore would.
/// </summary>
public sealed class RetentionPropertyTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    public static IEnumerable<object[]> Seeds => RetentionCases.Seeds(60);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Retention_keeps_every_row_in_the_table_or_the_archive_exactly_once(int seed)
    {
        var c = RetentionCases.Generate(seed, Dialect.Postgres);
        var table = $"events_{seed}";
        using var dir = new TempDir();
        await db.ExecAsync(c.CreateTable(table));
        if (c.Indexed)
        {
            await db.ExecAsync($"CREATE INDEX ON {table} (created, id)");
        }

        if (c.Rows.Count > 0)
        {
            await db.ExecAsync(c.Insert(table));
        }

        var before = await SnapshotAsync(c, table);
        var folder = Path.Combine(dir.Archive, "testpolicy", "events");

        var (dry, _) = await RunAsync(dir, c, table, dryRun: true);
        Assert.True(RetentionInvariant.Processed(c, before).Count == dry.WouldProcess, $"{c}: a dry run counts {dry.WouldProcess} rows");
        before.AssertSame(await SnapshotAsync(c, table), $"{c}: dry run");
        Assert.Empty(RetentionInvariant.Contents(folder));

        // A crashed run (its exception stands for the process dying: the open delete is rolled back) is followed by a rerun.
        var (first, crashed) = await RunAsync(dir, c, table, crash: true);
        RetentionResult[] runs = crashed ? [first, (await RunAsync(dir, c, table)).Result] : [first];
        var after = await SnapshotAsync(c, table);
        RetentionInvariant.Check(c, before, after, await ArchiveAsync(c, folder), runs);

        var archived = RetentionInvariant.Contents(folder);
        var (again, _) = await RunAsync(dir, c, table);
        Assert.Equal((0L, 0L, 0L, 0), (again.Archived, again.Deleted, again.Anonymized, again.Batches));
        after.AssertSame(await SnapshotAsync(c, table), $"{c}: second run");
        Assert.Equal(archived, RetentionInvariant.Contents(folder));
    }

    private async Task<(RetentionResult Result, bool Crashed)> RunAsync(TempDir dir, RetentionCase c, string table, bool dryRun = false, bool crash = false)
    {
        var policy = M.PostgresPolicy([M.Dataset("events", table, "id", [], c.Retention(M.Src))]);
        await using var store = M.OpenPostgres(policy, db.ConnectionString);
        store.ChunkRows = c.ChunkRows;
        await using var archive = new FolderStore(policy.Stores[1], dir.Archive);
        var options = new Running.RunOptions { BaseDirectory = dir.Path, Now = c.Now, BatchSize = c.BatchSize, DryRun = dryRun, FaultInjection = crash ? c.CrashAt : null };
        var protocol = new RetentionProtocol("testpolicy", policy.Datasets[0], store, c.Format is null ? null : archive, options, (_, _) => Task.CompletedTask);
        try
        {
            return (await protocol.RunAsync(c.Now, CancellationToken.None), false);
        }
        catch (IOException e) when (e.Message == RetentionCase.CrashMessage)
        {
            return (protocol.Partial, true);
        }
    }

    /// <summary>Every column's canonical value, keyed by the key's text form (what manifests record).</summary>
    private async Task<TableRows> SnapshotAsync(RetentionCase c, string table)
    {
        var columns = c.Columns.Select(col => col.Kind == Kind.Timestamp ? $"to_char({AsUtcTimestamp(col)}, 'YYYY-MM-DD\"T\"HH24:MI:SS.US')" : $"{col.Name}::text");
        var rows = await db.QueryAsync($"SELECT id::text, {string.Join(", ", columns)} FROM {table}");
        return new TableRows(rows.ToDictionary(r => (string)r[0]!,
            r => c.Columns.Select((col, i) => r[i + 1] is string text && col.Kind == Kind.Float ? Float(double.Parse(text, CultureInfo.InvariantCulture)) : (string?)r[i + 1]).ToArray(),
            StringComparer.Ordinal));
    }

    private static string AsUtcTimestamp(ColumnSpec col) => col.SqlType switch
    {
        "timestamptz" => $"{col.Name} AT TIME ZONE 'UTC'",
        "date" => $"{col.Name}::timestamp",
        _ => col.Name,
    };

    private static string Float(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static string Instant(DateTime t) =>
        (t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    /// <summary>Each archive object's rows, in the table's column order, canonicalized as <see cref="SnapshotAsync"/> does.</summary>
    private static async Task<List<ArchivedObject>> ArchiveAsync(RetentionCase c, string folder)
    {
        var objects = new List<ArchivedObject>();
        foreach (var (manifest, file) in RetentionInvariant.Manifests(folder))
        {
            objects.Add(new ArchivedObject(manifest, file, manifest.Format == "jsonl" ? JsonLines(c, file) : await ParquetAsync(c, file)));
        }

        return objects;
    }

    private static List<string?[]> JsonLines(RetentionCase c, string file) =>
        File.ReadAllLines(file).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            return c.Columns.Select(col => JsonValue(col.Kind, json.RootElement.GetProperty(col.Name))).ToArray();
        }).ToList();

    private static string? JsonValue(Kind kind, JsonElement e) => (e.ValueKind, kind) switch
    {
        (JsonValueKind.Null, _) => null,
        (JsonValueKind.True or JsonValueKind.False, Kind.Boolean) => e.GetBoolean() ? "true" : "false",
        (JsonValueKind.Number, Kind.Integer) => e.GetInt64().ToString(CultureInfo.InvariantCulture),
        (JsonValueKind.Number, Kind.Float) => Float(e.GetDouble()),
        (JsonValueKind.String, Kind.Float) => Float(double.Parse(e.GetString()!, CultureInfo.InvariantCulture)),
        (JsonValueKind.String, Kind.Timestamp) => Instant(DateTime.Parse(e.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)),
        (JsonValueKind.String, Kind.Text) => e.GetString(),
        _ => throw new Xunit.Sdk.XunitException($"{kind} archived as JSON {e.ValueKind}: {e.GetRawText()}"),
    };

    private static async Task<List<string?[]>> ParquetAsync(RetentionCase c, string file)
    {
        await using var stream = File.OpenRead(file);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields();
        var rows = new List<string?[]>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var data = new Dictionary<string, object?[]>(StringComparer.Ordinal);
            foreach (var field in fields)
            {
                data[field.Name] = await ColumnAsync(group, field);
            }

            for (var i = 0; i < group.RowCount; i++)
            {
                rows.Add(c.Columns.Select(col => data[col.Name][i] switch
                {
                    null => null,
                    long l => l.ToString(CultureInfo.InvariantCulture),
                    double d => Float(d),
                    bool b => b ? "true" : "false",
                    DateTime t => Instant(t),
                    string s => s,
                    var other => throw new Xunit.Sdk.XunitException($"{col.Name} archived as {other.GetType()}"),
                }).ToArray());
            }
        }

        return rows;
    }

    /// <summary>A column of one row group, as the archive writer's kinds: nullable long, double, bool or DateTime, else text.</summary>
    private static async Task<object?[]> ColumnAsync(ParquetRowGroupReader group, Parquet.Schema.DataField field)
    {
        if (field.ClrType == typeof(long))
        {
            return await NullableAsync<long>(group, field);
        }

        if (field.ClrType == typeof(double))
        {
            return await NullableAsync<double>(group, field);
        }

        if (field.ClrType == typeof(bool))
        {
            return await NullableAsync<bool>(group, field);
        }

        if (field.ClrType == typeof(DateTime))
        {
            return await NullableAsync<DateTime>(group, field);
        }

        var texts = new string?[group.RowCount];
        await group.ReadAsync(field, texts.AsMemory()!, null, CancellationToken.None);
        return texts;
    }

    private static async Task<object?[]> NullableAsync<T>(ParquetRowGroupReader group, Parquet.Schema.DataField field) where T : struct
    {
        var values = new T?[group.RowCount];
        await group.ReadAsync(field, values.AsMemory(), null, CancellationToken.None);
        return values.Select(v => (object?)v).ToArray();
    }
}
