using DuckDB.NET.Data;

namespace PolicyLang.Cli.Starter;

/// <summary>
/// The sample DuckDB file of a duckdb starter, so <c>policyc run</c> works at once: a <c>samples</c> table whose rows pass
/// every rule, two of them older than the one-year retention window (the first run archives and deletes them).
/// </summary>
internal static class StarterDatabase
{
    public static void Create(string file, DateTimeOffset now)
    {
        using var connection = new DuckDBConnection($"Data Source={file}");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = """
            CREATE TABLE main.samples (
              sample_id    BIGINT PRIMARY KEY,
              donor_email  VARCHAR,
              volume_ml    DOUBLE,
              collected_at TIMESTAMPTZ NOT NULL
            )
            """;
        create.ExecuteNonQuery();
        (string? Email, double Volume, int DaysAgo)[] rows =
        [
            ("ann@lab.example", 4.5, 3), ("bo@lab.example", 12.0, 40), (null, 7.25, 90), ("cy@lab.example", 30.0, 200),
            ("di@lab.example", 2.0, 300), ("ed@lab.example", 9.5, 500), (null, 15.0, 800),
        ];
        for (var i = 0; i < rows.Length; i++)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO main.samples VALUES ($id, $email, $volume, $at)";
            insert.Parameters.Add(new DuckDBParameter("id", (long)(i + 1)));
            insert.Parameters.Add(new DuckDBParameter("email", (object?)rows[i].Email ?? DBNull.Value));
            insert.Parameters.Add(new DuckDBParameter("volume", rows[i].Volume));
            insert.Parameters.Add(new DuckDBParameter("at", now.AddDays(-rows[i].DaysAgo).UtcDateTime));
            insert.ExecuteNonQuery();
        }
    }
}
