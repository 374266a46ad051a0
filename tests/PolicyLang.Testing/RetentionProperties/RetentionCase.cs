using System.Globalization;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Running;

namespace PolicyLang.Testing.RetentionProperties;

/// <summary>The SQL dialect a case is written in; shared by the duckdb and postgres property tests.</summary>
internal enum Dialect { DuckDb, Postgres }

/// <summary>How a column's value is canonicalized when read back from an archive (the postgres archive writer's kinds).</summary>
internal enum Kind { Integer, Float, Boolean, Timestamp, Text }

/// <summary>A table column: its name, SQL type and the literals its values are drawn from (SQL text; "NULL" for null).</summary>
internal sealed record ColumnSpec(string Name, string SqlType, Kind Kind, IReadOnlyList<string> Pool);

/// <summary>
/// One generated retention run: a table (key "id", retention column "created", other columns), its rows as SQL literals,
/// the retention values as UTC instants (the test's own expiry oracle), and the run's settings.
/// </summary>
internal sealed record RetentionCase(
    int Seed, ColumnSpec Key, ColumnSpec By, IReadOnlyList<ColumnSpec> Others, IReadOnlyList<string[]> Rows, IReadOnlyList<DateTime?> ByValues,
    DateTimeOffset Now, int BatchSize, string? Format, string Action, IReadOnlyList<string> Anonymize, int ChunkRows, bool Indexed,
    (string Point, int Batch)? Crash)
{
    public static readonly Duration Window = new(30, DurationUnit.Day);

    /// <summary>The message of the simulated crash at <see cref="Crash"/>.</summary>
    public const string CrashMessage = "simulated crash";

    /// <summary>Throws at the case's crash point (the first run only: a crashed process does not come back).</summary>
    public ValueTask CrashAt(FaultPoint point) =>
        Crash is { } crash && point.Name == crash.Point && point.Batch == crash.Batch ? throw new IOException(CrashMessage) : ValueTask.CompletedTask;

    public DateTimeOffset Cutoff => Window.Before(Now);

    public IEnumerable<ColumnSpec> Columns => new[] { Key, By }.Concat(Others);

    public RetentionModel Retention(SourceRef source) =>
        new(Window, By.Name, Format is null ? null : "archive", Format, Action, Anonymize, source);

    /// <summary>Whether row <paramref name="i"/> is past the window: its retention value is before the cutoff. NULL has no age and is kept.</summary>
    public bool Expired(int i) => ByValues[i] is { } by && by < Cutoff.UtcDateTime;

    public string CreateTable(string table) =>
        $"CREATE TABLE {table} ({string.Join(", ", Columns.Select(c => $"{c.Name} {c.SqlType}"))}, PRIMARY KEY (id))";

    public string Insert(string table) =>
        $"INSERT INTO {table} ({string.Join(", ", Columns.Select(c => c.Name))}) VALUES {string.Join(", ", Rows.Select(r => $"({string.Join(", ", r)})"))}";

    public override string ToString() =>
        $"seed {Seed}: key {Key.SqlType}, by {By.SqlType}, {Rows.Count} rows, now {Now:O}, batch {BatchSize}, " +
        $"{Format ?? "no archive"}, {Action} [{string.Join(",", Anonymize)}], chunk {ChunkRows}, indexed {Indexed}, crash {Crash}";
}

/// <summary>Generates <see cref="RetentionCase"/>s from a seed: the same seed always gives the same case.</summary>
internal static class RetentionCases
{
    public static IEnumerable<object[]> Seeds(int count) => Enumerable.Range(1, count).Select(s => new object[] { s });

    public static RetentionCase Generate(int seed, Dialect dialect)
    {
        var random = new Random(seed);
        var duck = dialect == Dialect.DuckDb;
        var now = random.Next(2) == 0 ? new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero) : new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var cutoff = RetentionCase.Window.Before(now).UtcDateTime;
        var count = random.Next(4) == 0 ? random.Next(3) : random.Next(3, 31);
        var key = Pick(random, Keys(duck));
        var keys = key.Pool.OrderBy(_ => random.Next()).Take(count).ToList();
        var (byType, instants) = Pick(random, ByTypes(duck, cutoff));
        var others = Others(duck);
        var rows = new List<string[]>();
        var byValues = new List<DateTime?>();
        foreach (var (k, ord) in keys.Select((k, i) => (k, i)))
        {
            DateTime? by = random.Next(7) == 0 ? null : Pick(random, instants);
            byValues.Add(by);
            var byLiteral = by is { } b ? $"'{Instant(b, byType)}'::{byType}" : "NULL";
            rows.Add([k, byLiteral, .. others.Select(c => c.Name == "ord" ? ord.ToString(CultureInfo.InvariantCulture)
                : random.Next(6) == 0 ? "NULL" : Pick(random, c.Pool))]);
        }

        var batch = Pick(random, [1, 2, 7, Math.Max(1, count), count + 5]);
        var format = Pick(random, new[] { "parquet", "jsonl", "parquet", "jsonl", null });
        var action = random.Next(3) == 0 ? "anonymize" : "delete";
        var anonymize = action == "anonymize"
            ? new[] { "payload", "amount", "ratio", "doc" }.Where(_ => random.Next(2) == 0).DefaultIfEmpty("payload").ToArray()
            : [];
        return new RetentionCase(seed, key, new ColumnSpec("created", byType, Kind.Timestamp, []), others, rows, byValues, now, batch, format, action, anonymize,
            ChunkRows: Pick(random, [1, 2, 3, 10_000]), Indexed: random.Next(2) == 0,
            Crash: random.Next(3) == 0 ? (Pick(random, CrashPoints), random.Next(1, 4)) : null);
    }

    private static readonly string[] CrashPoints = [FaultPoint.AfterArchive, FaultPoint.AfterVerify, FaultPoint.MidDelete, FaultPoint.AfterDelete];

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Text(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Instant(DateTime t, string type) => type switch
    {
        "DATE" or "date" => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "TIMESTAMPTZ" or "timestamptz" => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00",
        _ => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
    };

    /// <summary>Retention column types with instants around the cutoff (exactly at it, a tick either side), ties and old rows.</summary>
    private static (string, DateTime[])[] ByTypes(bool duck, DateTime cutoff)
    {
        var micro = TimeSpan.FromTicks(10);
        DateTime[] times = [cutoff - micro, cutoff, cutoff + micro, cutoff.AddDays(-1), new(1965, 2, 3, 4, 5, 6, 789, 12, DateTimeKind.Utc), cutoff.AddDays(10)];
        DateTime[] days = [cutoff.Date.AddDays(-1), cutoff.Date, cutoff.Date.AddDays(1), new(1965, 2, 3, 0, 0, 0, DateTimeKind.Utc)];
        return duck
            ? [("TIMESTAMP", times), ("TIMESTAMPTZ", times), ("DATE", days)]
            : [("timestamp", times), ("timestamptz", times), ("date", days)];
    }

    private static readonly string[] TrickyTexts =
    [
        "", "0", "00", "007", "7", "a,b", "it's", "\"quoted\"", "back\\slash", "ünïcødé", "日本語", "😀", " lead", "trail ", "NULL", "null",
        "line\nbreak", "tab\there", "{a,b}", "[1, 2]", "%_", "-", "Z", "z", "a", "A",
    ];

    private static ColumnSpec[] Keys(bool duck)
    {
        var random = new Random(7);
        var longs = new[] { long.MinValue, long.MaxValue, 0, -1, 1 }.Concat(Enumerable.Range(0, 40).Select(_ => random.NextInt64(-1_000_000, 1_000_000))).Distinct();
        var ints = new[] { int.MinValue, int.MaxValue, 0, -7 }.Concat(Enumerable.Range(0, 40).Select(_ => random.Next(-1000, 1000))).Distinct();
        var texts = TrickyTexts.Concat(Enumerable.Range(0, 20).Select(i => $"k{i:D3}"));
        var uuids = Enumerable.Range(0, 40).Select(_ => new Guid(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray()));
        var decimals = Enumerable.Range(0, 40).Select(i => (i - 20) * 1.25m + 0.00001m * i).Select(d => d.ToString(CultureInfo.InvariantCulture));
        var dates = Enumerable.Range(0, 40).Select(i => new DateTime(1969, 12, 25).AddDays(i * 37 % 400));
        var stamps = Enumerable.Range(0, 40).Select(i => new DateTime(1969, 12, 31, 23, 59, 59).AddTicks(i * 123_456_780L));
        return
        [
            new("id", duck ? "BIGINT" : "bigint", Kind.Integer, longs.Select(l => l.ToString(CultureInfo.InvariantCulture)).ToList()),
            new("id", duck ? "INTEGER" : "integer", Kind.Integer, ints.Select(l => l.ToString(CultureInfo.InvariantCulture)).ToList()),
            new("id", duck ? "VARCHAR" : "text", Kind.Text, texts.Select(Text).ToList()),
            new("id", duck ? "UUID" : "uuid", Kind.Text, uuids.Select(g => $"'{g}'::{(duck ? "UUID" : "uuid")}").ToList()),
            new("id", duck ? "DECIMAL(20,5)" : "numeric", Kind.Text, decimals.Select(d => $"{d}::{(duck ? "DECIMAL(20,5)" : "numeric")}").ToList()),
            new("id", duck ? "DATE" : "date", Kind.Timestamp, dates.Select(d => $"'{d:yyyy-MM-dd}'::{(duck ? "DATE" : "date")}").ToList()),
            new("id", duck ? "TIMESTAMP" : "timestamp", Kind.Timestamp,
                stamps.Select(t => $"'{t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}'::{(duck ? "TIMESTAMP" : "timestamp")}").ToList()),
            new("id", duck ? "TIMESTAMPTZ" : "timestamptz", Kind.Timestamp,
                stamps.Select(t => $"'{t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}+00'::{(duck ? "TIMESTAMPTZ" : "timestamptz")}").ToList()),
        ];
    }

    /// <summary>The other columns: the row's index, text with line breaks, long numerics, non-finite doubles, json, arrays, booleans, pre-1970 instants, intervals, 39-digit integers, bytes.</summary>
    private static ColumnSpec[] Others(bool duck)
    {
        var doubles = new[] { "'NaN'", "'Infinity'", "'-Infinity'", "'-0'", "0.1", "5e-324", "1.7976931348623157e308", "-2.5" };
        string[] numerics = ["12345678901234567890.123456789012345678", "-0.000000000000000001", "0", "99999999999999999999.999999999999999999"];
        return
        [
            // The row's index in the case, so the test's expiry oracle (ByValues) finds each row read back from the table.
            new("ord", duck ? "INTEGER" : "integer", Kind.Integer, []),
            new("payload", duck ? "VARCHAR" : "text", Kind.Text, TrickyTexts.Select(Text).ToList()),
            new("amount", duck ? "DECIMAL(38,18)" : "numeric", Kind.Text,
                duck ? numerics.Select(n => $"{n}::DECIMAL(38,18)").ToList() : [.. numerics, "3.14159265358979323846264338327950288419716939937510", "'NaN'", "'-Infinity'", "1.50"]),
            new("ratio", duck ? "DOUBLE" : "double precision", Kind.Float, doubles.Select(d => $"{d}::{(duck ? "DOUBLE" : "float8")}").ToList()),
            new("flag", duck ? "BOOLEAN" : "boolean", Kind.Boolean, ["true", "false"]),
            new("doc", duck ? "JSON" : "json", Kind.Text,
                duck ? [Text("{\"a\":[1,\"x\\ny\"],\"b\":null}"), Text("[]"), Text("\"s\""), Text("{\"ü\":1.5e10}")]
                     : [Text("{\"a\": [1, \"x\\ny\"],  \"b\": null}"), Text("[]"), Text("\"s\""), Text("{\"ü\" : 1.5e10}")]),
            new("tags", duck ? "VARCHAR[]" : "text[]", Kind.Text,
                duck ? ["['a', 'b,c', NULL]", "[]", "['\"q\"', 'x''y']"] : ["ARRAY['a', 'b,c', NULL]", "'{}'::text[]", "ARRAY['\"q\"', 'x''y', 'line\nbreak']"]),
            new("born", duck ? "TIMESTAMP" : "timestamp", Kind.Timestamp, ["'1901-12-13 20:45:52.000001'", "'1969-12-31 23:59:59.999999'", "'1970-01-01 00:00:00'", "'2038-01-19 03:14:08'"]),
            new("born_on", duck ? "DATE" : "date", Kind.Timestamp, ["'1900-01-01'", "'1969-07-20'", "'2000-02-29'"]),
            new("span", duck ? "INTERVAL" : "interval", Kind.Text, ["'1 year 2 months 3 days 04:05:06.789'", "'-1 day'", "'00:00:00.000001'", "'-00:00:00.000001'"]),
            new("big", duck ? "HUGEINT" : "numeric(39,0)", Kind.Text,
                ["170141183460469231731687303715884105727", "-170141183460469231731687303715884105728", "12345678901234567891", "-1"]),
            new("bin", duck ? "BLOB" : "bytea", Kind.Text, duck ? ["'\\x00\\xFF,'::BLOB", "''::BLOB"] : ["'\\x00ff2c'::bytea", "''::bytea"]),
        ];
    }
}
