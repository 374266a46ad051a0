using System.Globalization;
using System.Text.Json;
using Parquet;
using Parquet.Serialization;
using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Retention;

namespace PolicyLang.Testing.Retention;

/// <summary>The postgres events table of <see cref="EventsPolicy"/>: seeds it with expired and fresh rows and reads table and archive back as canonical row strings.</summary>
internal static class PostgresEvents
{
    /// <summary>Rows 1..<paramref name="expired"/> are older than 30 days before <see cref="M.Now"/>; the next <paramref name="fresh"/> rows are newer.</summary>
    /// <remarks>With <paramref name="indexed"/> an index on (created, id) lets the store address batches by range (BatchRanges).</remarks>
    public static async Task SeedAsync(PgDatabase db, int expired, int fresh, string table = "events", bool indexed = true)
    {
        await db.ExecAsync($"CREATE TABLE {table} (id bigint PRIMARY KEY, payload text, amount double precision, created timestamp)");
        if (indexed)
        {
            await db.ExecAsync($"CREATE INDEX ON {table} (created, id)");
        }

        var values = new List<string>();
        for (var i = 1; i <= expired + fresh; i++)
        {
            var created = i <= expired ? M.Now.AddDays(-100).AddHours(i) : M.Now.AddDays(-1).AddMinutes(i);
            var payload = i % 7 == 0 ? "NULL" : $"'payload \"{i}\" '';'";
            values.Add($"({i}, {payload}, {(i * 1.25).ToString(CultureInfo.InvariantCulture)}, '{created.UtcDateTime:yyyy-MM-dd HH:mm:ss}')");
        }

        await db.ExecAsync($"INSERT INTO {table} VALUES {string.Join(", ", values)}");
    }

    public static PolicyModel Policy(RetentionModel retention, string table = "events")
    {
        var policy = EventsPolicy.For("postgres", retention);
        return policy with { Datasets = [policy.Datasets[0] with { Location = table }] };
    }

    /// <summary>The audit trail in governance.audit_log, read through the store.</summary>
    public static async Task<IReadOnlyList<AuditRecord>> AuditAsync(PgDatabase db, string? connection = null)
    {
        await using var store = M.OpenPostgres(M.PostgresPolicy([]), connection ?? db.ConnectionString);
        await using var sink = await store.OpenAuditAsync(new AuditModel("db", "governance.audit_log", null, true), "testpolicy", CancellationToken.None);
        return await sink.ReadAllAsync(CancellationToken.None);
    }

    /// <summary>Rows as "id|payload|amount|created", by id.</summary>
    public static async Task<List<string>> TableRowsAsync(PgDatabase db, string table = "events") =>
        (await db.QueryAsync($"SELECT id, payload, amount, to_char(created, 'YYYY-MM-DD HH24:MI:SS') FROM {table} ORDER BY id"))
            .Select(r => Row(r[0], r[1], r[2], r[3])).ToList();

    /// <summary>Every archived row from data objects that have a manifest (what the archive holds), by id.</summary>
    public static async Task<List<string>> ArchivedRowsAsync(TempDir dir)
    {
        var rows = new List<(long Id, string Row)>();
        foreach (var m in Manifests(dir))
        {
            var file = Path.Combine(dir.Archive, "testpolicy", "events", m.Location.Cutoff, m.Location.Batch + "." + m.Extension);
            if (m.Format == "jsonl")
            {
                foreach (var line in await File.ReadAllLinesAsync(file))
                {
                    var e = JsonSerializer.Deserialize<JsonEvent>(line)!;
                    rows.Add((e.id!.Value, Row(e.id, e.payload, e.amount, e.created)));
                }

                continue;
            }

            await using var stream = File.OpenRead(file);
            foreach (var e in (await ParquetSerializer.DeserializeAsync<ParquetEvent>(stream)).Data)
            {
                rows.Add((e.id!.Value, Row(e.id, e.payload, e.amount, e.created)));
            }
        }

        return rows.OrderBy(r => r.Id).Select(r => r.Row).ToList();
    }

    /// <summary>The row count of each row group, per Parquet archive object.</summary>
    public static async Task<List<List<long>>> RowGroupSizesAsync(TempDir dir)
    {
        var files = new List<List<long>>();
        foreach (var m in Manifests(dir))
        {
            await using var stream = File.OpenRead(Path.Combine(dir.Archive, "testpolicy", "events", m.Location.Cutoff, m.Location.Batch + "." + m.Extension));
            await using var reader = await ParquetReader.CreateAsync(stream);
            files.Add(Enumerable.Range(0, reader.RowGroupCount).Select(i => reader.OpenRowGroupReader(i).RowCount).ToList());
        }

        return files;
    }

    public static List<ArchiveManifest> Manifests(TempDir dir)
    {
        var root = Path.Combine(dir.Archive, "testpolicy", "events");
        return Directory.Exists(root)
            ? Directory.GetFiles(root, "*.manifest.json", SearchOption.AllDirectories).Select(PolicyLang.Runtime.Stores.Folder.FolderStore.ReadManifest).ToList()
            : [];
    }

    private static string Row(object? id, object? payload, object? amount, object? created)
    {
        var when = created switch
        {
            DateTime d => (d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : d).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            string s when s.EndsWith('Z') => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            _ => Convert.ToString(created, CultureInfo.InvariantCulture),
        };
        return string.Join("|", new[] { id, payload, amount }.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "<null>").Append(when ?? "<null>"));
    }

#pragma warning disable IDE1006, CA1812 // Lower-case names match the archived columns; instantiated by the deserializers.
    internal sealed class ParquetEvent
    {
        public long? id { get; set; }
        public string? payload { get; set; }
        public double? amount { get; set; }
        public DateTime? created { get; set; }
    }

    /// <summary>An archived row of a table of (id, payload, created) as Parquet holds it.</summary>
    internal sealed class ArchivedEvent
    {
        public long? id { get; set; }
        public string? payload { get; set; }
        public DateTime? created { get; set; }
    }

    internal sealed class JsonEvent
    {
        public long? id { get; set; }
        public string? payload { get; set; }
        public double? amount { get; set; }
        public string? created { get; set; }
    }
#pragma warning restore IDE1006, CA1812
}
