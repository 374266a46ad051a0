using DuckDB.NET.Data;

namespace PolicyLang.Testing;

/// <summary>
/// A temp folder deleted afterwards. Tests that use the embedded store find its DuckDB file at <see cref="Db"/>
/// (<c>data.duckdb</c>, the file <see cref="M.DuckDb"/> names) and the folder archive at <see cref="Archive"/>.
/// </summary>
internal sealed class TempDir : IDisposable
{
    public TempDir(string prefix = "pl-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }
    public string Db => System.IO.Path.Combine(Path, "data.duckdb");
    public string Archive => System.IO.Path.Combine(Path, "archive");

    /// <summary>Writes <paramref name="content"/> to <paramref name="name"/> (folders created) and returns its path.</summary>
    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Runs <paramref name="statements"/> on the DuckDB file.</summary>
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
            for (var i = 0; i < r.FieldCount; i++)
            {
                row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public long Scalar(string sql) => Convert.ToInt64(Query(sql)[0][0], System.Globalization.CultureInfo.InvariantCulture);

    public DuckDBConnection Open()
    {
        var c = new DuckDBConnection($"Data Source={Db}");
        c.Open();
        return c;
    }

    public void Dispose()
    {
        // Best effort: a file still held open by a killed process must not fail the test.
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
