using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Retention;

namespace PolicyLang.Testing.Retention;

/// <summary>The duckdb events table of <see cref="EventsPolicy"/>: seeds expired and fresh rows and reads table and archive back as canonical row strings.</summary>
internal static class DuckDbEvents
{
    /// <summary>Rows 1..<paramref name="expired"/> are older than 30 days before <see cref="M.Now"/>; the next <paramref name="fresh"/> rows are newer.</summary>
    public static void Seed(TempDir dir, int expired, int fresh)
    {
        dir.Exec("CREATE TABLE events (id BIGINT, payload VARCHAR, amount DOUBLE, created TIMESTAMP)");
        var values = new List<string>();
        for (var i = 1; i <= expired + fresh; i++)
        {
            var created = i <= expired ? M.Now.AddDays(-100).AddHours(i) : M.Now.AddDays(-1).AddMinutes(i);
            var payload = i % 7 == 0 ? "NULL" : $"'payload \"{i}\" '';'";
            values.Add($"({i}, {payload}, {(i * 1.25).ToString(CultureInfo.InvariantCulture)}, '{created.UtcDateTime:yyyy-MM-dd HH:mm:ss}')");
        }

        dir.Exec($"INSERT INTO events VALUES {string.Join(", ", values)}");
    }

    public static PolicyModel Policy(RetentionModel retention) => EventsPolicy.For("duckdb", retention);

    /// <summary>Rows as "id|payload|amount|created" (the content hash is the full string), by id.</summary>
    public static List<string> Rows(TempDir dir, string from) =>
        dir.Query($"SELECT id, payload, amount, strftime(created, '%Y-%m-%d %H:%M:%S') FROM {from} ORDER BY id")
            .Select(r => string.Join("|", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "<null>"))).ToList();

    public static List<string> TableRows(TempDir dir) => Rows(dir, "events");

    /// <summary>Every archived row from data objects that have a manifest (what the archive holds).</summary>
    public static List<string> ArchivedRows(TempDir dir)
    {
        var files = Manifests(dir).Select(m => Path.Combine(dir.Archive, "testpolicy", "events", m.Location.Cutoff, m.Location.Batch + ".parquet")).ToList();
        if (files.Count == 0)
        {
            return [];
        }

        var list = string.Join(", ", files.Select(f => $"'{f}'"));
        return Rows(dir, $"read_parquet([{list}])");
    }

    public static List<ArchiveManifest> Manifests(TempDir dir)
    {
        var root = Path.Combine(dir.Archive, "testpolicy", "events");
        return Directory.Exists(root)
            ? Directory.GetFiles(root, "*.manifest.json", SearchOption.AllDirectories).Select(PolicyLang.Runtime.Stores.Folder.FolderStore.ReadManifest).ToList()
            : [];
    }

    /// <summary>key → SHA-256 of the row's canonical text.</summary>
    public static Dictionary<string, string> ByKeyAndHash(IEnumerable<string> rows) =>
        rows.ToDictionary(r => r[..r.IndexOf('|', StringComparison.Ordinal)],
            r => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(r))));

    /// <summary>Downloads every archived data object under <paramref name="prefix"/> in <paramref name="bucket"/> that has a manifest and reads its rows with DuckDB.</summary>
    public static async Task<List<string>> ArchivedInS3Async(TempDir dir, string bucket, string? url = null, string prefix = "testpolicy/events/")
    {
        var objects = await S3Env.ListAsync(bucket, prefix, url);
        var keys = objects.Select(o => o.Key).ToHashSet();
        var files = new List<string>();
        foreach (var key in keys.Where(k => k.EndsWith(".parquet", StringComparison.Ordinal) && keys.Contains(k[..^".parquet".Length] + ".manifest.json")))
        {
            var file = Path.Combine(dir.Path, "dl-" + files.Count + ".parquet");
            await File.WriteAllBytesAsync(file, await S3Env.GetAsync(bucket, key, url));
            files.Add(file);
        }

        return files.Count == 0 ? [] : Rows(dir, $"read_parquet([{string.Join(", ", files.Select(f => $"'{f}'"))}])");
    }
}
