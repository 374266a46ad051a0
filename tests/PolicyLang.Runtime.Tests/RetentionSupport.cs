using System.Globalization;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Retention;

namespace PolicyLang.Runtime.Tests;

/// <summary>Seeds an events table with expired and fresh rows and reads table and archive back as canonical row strings.</summary>
internal static class RetentionSupport
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

    public static RetentionModel Retention(string? archive = "archive", string format = "parquet", string action = "delete", IReadOnlyList<string>? columns = null) =>
        new(new Duration(30, DurationUnit.Day), "created", archive, format, action, columns ?? [], M.Src);

    public static PolicyModel Policy(TempDir dir, RetentionModel retention) =>
        M.Policy(dir.Path, [M.Dataset("events", "events", "id", [], retention)], new AuditModel("archive", "audit", null, true));

    /// <summary>Rows as "id|payload|amount|created" (the content hash is the full string), by id.</summary>
    public static List<string> Rows(TempDir dir, string from) =>
        dir.Query($"SELECT id, payload, amount, strftime(created, '%Y-%m-%d %H:%M:%S') FROM {from} ORDER BY id")
            .Select(r => string.Join("|", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "<null>"))).ToList();

    public static List<string> TableRows(TempDir dir) => Rows(dir, "events");

    /// <summary>Every archived row from data objects that have a manifest (what the archive holds).</summary>
    public static List<string> ArchivedRows(TempDir dir)
    {
        var files = Manifests(dir).Select(m => Path.Combine(dir.Archive, "testpolicy", "events", m.Location.Cutoff, m.Location.Batch + ".parquet")).ToList();
        if (files.Count == 0) return [];
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
}
