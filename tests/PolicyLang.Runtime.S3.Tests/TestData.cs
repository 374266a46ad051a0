using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;

namespace PolicyLang.Runtime.S3.Tests;

/// <summary>A temp folder holding <c>data.duckdb</c>; deleted afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pl-s3-" + Guid.NewGuid().ToString("N"));
    public string Db => System.IO.Path.Combine(Path, "data.duckdb");

    public void Exec(params string[] statements)
    {
        using var c = Open();
        foreach (var sql in statements)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
    }

    public List<object?[]> Query(string sql)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (r.Read())
        {
            var row = new object?[r.FieldCount];
            for (var i = 0; i < r.FieldCount; i++) row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    private DuckDBConnection Open()
    {
        var c = new DuckDBConnection($"Data Source={Db}");
        c.Open();
        return c;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The events table: rows 1..expired are 100 days old at <see cref="Policies.Now"/>, the rest one day old.</summary>
internal static class Events
{
    public static void Seed(TempDir dir, int expired, int fresh)
    {
        dir.Exec("CREATE TABLE events (id BIGINT, payload VARCHAR, amount DOUBLE, created TIMESTAMP)");
        var values = new List<string>();
        for (var i = 1; i <= expired + fresh; i++)
        {
            var created = i <= expired ? Policies.Now.AddDays(-100).AddMinutes(i) : Policies.Now.AddDays(-1).AddMinutes(i);
            var payload = i % 7 == 0 ? "NULL" : $"'payload \"{i}\" '';'";
            values.Add($"({i}, {payload}, {(i * 1.25).ToString(CultureInfo.InvariantCulture)}, '{created.UtcDateTime:yyyy-MM-dd HH:mm:ss}')");
        }
        foreach (var chunk in values.Chunk(5000)) dir.Exec($"INSERT INTO events VALUES {string.Join(", ", chunk)}");
    }

    /// <summary>Rows as "id|payload|amount|created" by id.</summary>
    public static List<string> Rows(TempDir dir, string from) =>
        dir.Query($"SELECT id, payload, amount, strftime(created, '%Y-%m-%d %H:%M:%S') FROM {from} ORDER BY id")
            .Select(r => string.Join("|", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "<null>"))).ToList();

    public static List<string> Table(TempDir dir) => Rows(dir, "events");

    /// <summary>key → SHA-256 of the row's canonical text.</summary>
    public static Dictionary<string, string> ByKeyAndHash(IEnumerable<string> rows) =>
        rows.ToDictionary(r => r[..r.IndexOf('|', StringComparison.Ordinal)],
            r => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(r))));

    /// <summary>Downloads every archived data object that has a manifest and reads its rows with DuckDB.</summary>
    public static async Task<List<string>> ArchivedAsync(TempDir dir, string bucket, string? url = null, string prefix = "testpolicy/events/")
    {
        var objects = await S3Env.ListAsync(bucket, prefix, url);
        var keys = objects.Select(o => o.Key).ToHashSet();
        var files = new List<string>();
        foreach (var key in keys.Where(k => k.EndsWith(".parquet", StringComparison.Ordinal) && keys.Contains(k[..^".parquet".Length] + ".manifest.json")))
        {
            var file = System.IO.Path.Combine(dir.Path, "dl-" + files.Count + ".parquet");
            await File.WriteAllBytesAsync(file, await S3Env.GetAsync(bucket, key, url));
            files.Add(file);
        }
        return files.Count == 0 ? [] : Rows(dir, $"read_parquet([{string.Join(", ", files.Select(f => $"'{f}'"))}])");
    }
}
