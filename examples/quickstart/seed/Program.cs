using DuckDB.NET.Data;

// Seeds the quickstart database. Every bad row follows a rule of its row number i (1..1000) so the
// expected violation counts are exact and documented in examples/quickstart/README.md:
//   frame duplicates:  rows 999 and 1000 reuse 998's frame  target null: i % 200 == 7
//   unknown target:    i % 250 == 11                         band "UV":   i % 100 == 3
//   flux -1.0:         i % 125 == 5                          bad email:   i % 90 == 4 (null when i % 3 == 0)
//   flux 5e6:          i == 500 (the csharp rule)            expired:     i % 8 == 0 (observed 400+ days ago)
var path = args.Length > 0 ? args[0] : "quickstart.duckdb";
foreach (var stale in new[] { path, path + ".wal" })
{
    File.Delete(stale);
}

var now = DateTimeOffset.UtcNow;
using var connection = new DuckDBConnection($"Data Source={path}");
connection.Open();
Execute(connection, "CREATE TABLE main.targets (name TEXT NOT NULL, kind TEXT, added_at TIMESTAMPTZ)");
Execute(connection, "CREATE TABLE main.observations (obs_id BIGINT NOT NULL, frame TEXT, target TEXT, band TEXT, flux DOUBLE, observer_email TEXT, observed_at TIMESTAMPTZ NOT NULL)");

string[] targets = ["M31", "M42", "M45", "NGC1300", .. Enumerable.Range(5, 16).Select(n => $"T{n:00}")];
using (var appender = connection.CreateAppender("main", "targets"))
{
    for (var t = 0; t < targets.Length; t++)
    {
        appender.CreateRow().AppendValue(targets[t]).AppendValue(t is 7 or 13 ? "planet" : (t % 3) switch { 0 => "star", 1 => "galaxy", _ => "nebula" })
            .AppendValue(now.AddDays(-t).UtcDateTime).EndRow();
    }

    appender.CreateRow().AppendValue("M42").AppendValue("nebula").AppendValue(now.AddDays(-1).UtcDateTime).EndRow();
}

using (var appender = connection.CreateAppender("main", "observations"))
{
    for (var i = 1; i <= 1000; i++)
    {
        var frame = $"frame-{Math.Min(i, 998):0000}.fits";
        var target = i % 200 == 7 ? null : i % 250 == 11 ? "X-UNKNOWN" : targets[i % targets.Length];
        var band = i % 100 == 3 ? "UV" : (i % 3) switch { 0 => "G", 1 => "BP", _ => "RP" };
        var flux = i == 500 ? 5e6 : i % 125 == 5 ? -1.0 : 10.0 + (i % 17);
        var email = i % 90 == 4 ? "not-an-email" : i % 3 == 0 ? null : $"observer{i % 7}@lab.example";
        var observed = i % 8 == 0 ? now.AddDays(-400).AddHours(-i) : now.AddMinutes(-i);
        var row = appender.CreateRow().AppendValue((long)i).AppendValue(frame);
        row = target is null ? row.AppendNullValue() : row.AppendValue(target);
        row = row.AppendValue(band).AppendValue(flux);
        row = email is null ? row.AppendNullValue() : row.AppendValue(email);
        row.AppendValue(observed.UtcDateTime).EndRow();
    }
}

Console.WriteLine($"seeded {path}: 21 targets, 1000 observations (125 past the 365-day window)");

static void Execute(DuckDBConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}
