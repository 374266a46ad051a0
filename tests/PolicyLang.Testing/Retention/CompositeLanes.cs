using System.Globalization;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Retention;

namespace PolicyLang.Testing.Retention;

/// <summary>
/// A table keyed by two columns together (<c>key run_id, lane</c>; neither alone is unique), for retention by a composite key on
/// DuckDB and PostgreSQL: run ids with quotes, commas, brackets, JSON-like text, unicode and the empty string; lanes repeat across runs.
/// </summary>
internal static class CompositeLanes
{
    public const string Table = "lanes";

    private static readonly string[] Runs = ["r\"1", "r,2", "[\"r3\"]", "ü-4", "null", ""];

    /// <summary>The statements creating and filling the table: 18 rows, the first <paramref name="expired"/> by <c>created</c> past 30 days.</summary>
    public static string[] Seed(int expired, bool primaryKey, string table = Table)
    {
        var values = new List<string>();
        var i = 0;
        foreach (var run in Runs)
        {
            for (var lane = 1; lane <= 3; lane++, i++)
            {
                // Rows age in an order that is neither the run's nor the lane's, so batches cut across both key columns.
                var order = (i * 7) % 18;
                var created = order < expired ? M.Now.AddDays(-100).AddHours(order) : M.Now.AddDays(-1).AddMinutes(order);
                values.Add($"('{run.Replace("'", "''", StringComparison.Ordinal)}', {lane}, 'payload {i}', '{created.UtcDateTime:yyyy-MM-dd HH:mm:ss}')");
            }
        }

        return
        [
            $"CREATE TABLE {table} (run_id VARCHAR, lane INTEGER, payload VARCHAR, created TIMESTAMP{(primaryKey ? ", PRIMARY KEY (run_id, lane)" : "")})",
            $"INSERT INTO {table} VALUES {string.Join(", ", values)}",
        ];
    }

    /// <summary>The dataset: <c>key run_id, lane</c> (its <c>Key</c> is null) with <paramref name="retention"/>.</summary>
    public static DatasetModel Dataset(RetentionModel retention, string table = Table) =>
        M.Dataset("lanes", table, null, [], retention) with { KeyColumns = ["run_id", "lane"] };

    /// <summary>"run_id|lane|payload|created" of each row, ordered by the key (a row's identity and content).</summary>
    public static List<string> Rows(IEnumerable<object?[]> rows) =>
        [.. rows.Select(r => string.Join("|", r.Select(v => v switch
        {
            null => "<null>",
            DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            _ => Convert.ToString(v, CultureInfo.InvariantCulture),
        }))).Order(StringComparer.Ordinal)];

    /// <summary>The query reading rows in <see cref="Rows"/>'s column order.</summary>
    public static string Select(string from) => $"SELECT run_id, lane, payload, created FROM {from}";

    /// <summary>Every manifest of the dataset under the folder archive of <paramref name="dir"/>.</summary>
    public static List<ArchiveManifest> Manifests(TempDir dir)
    {
        var root = Path.Combine(dir.Archive, "testpolicy", "lanes");
        return Directory.Exists(root)
            ? [.. Directory.GetFiles(root, "*.manifest.json", SearchOption.AllDirectories).Select(Runtime.Stores.Folder.FolderStore.ReadManifest)]
            : [];
    }

    /// <summary>Rows of every data object that has a manifest, read with DuckDB (Parquet archives).</summary>
    public static List<string> Archived(TempDir dir)
    {
        var files = Manifests(dir).Select(m => Path.Combine(dir.Archive, "testpolicy", "lanes", m.Location.Cutoff, m.Location.Batch + ".parquet")).ToList();
        return files.Count == 0 ? [] : Rows(dir.Query(Select($"read_parquet([{string.Join(", ", files.Select(f => $"'{f}'"))}])")));
    }
}
