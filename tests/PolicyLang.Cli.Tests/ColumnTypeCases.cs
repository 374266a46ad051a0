namespace PolicyLang.Cli.Tests;

/// <summary>
/// One column of every type family and a <c>csharp</c> rule per family asserting its CLR type and value
/// (docs/values-and-types.md), shared by <c>ColumnTypeTests</c> (policyc test, run on DuckDB and PostgreSQL) and
/// PolicyLang.Build.Tests' <c>TypedExecutorColumnTypeTests</c> (a generated typed executor).
/// </summary>
internal static class ColumnTypeCases
{
    /// <summary>The columns, one per family, and a rule per family asserting its CLR type and value.</summary>
    public const string Dataset = """
          owner "o" classification public
          key id
          column id bigint not null
          column t  text
          column i  bigint
          column n  numeric(10, 2)
          column d  double
          column b  boolean
          column ts timestamp
          column tz timestamptz
          column dt date
          column tm time
          column u  uuid
          expect csharp "row.t is string && row.t == \"x\"" as text_type
          expect csharp "row.i is long && row.i == 5L" as integer_type
          expect csharp "row.n is decimal && row.n == 1.5m" as decimal_type
          expect csharp "row.d is double && row.d == 0.5" as double_type
          expect csharp "row.b is bool && row.b" as boolean_type
          expect csharp "row.ts is System.DateTimeOffset && row.ts == new System.DateTimeOffset(2025, 3, 4, 0, 0, 0, System.TimeSpan.Zero)" as timestamp_type
          expect csharp "row.tz is System.DateTimeOffset && row.tz.Offset == System.TimeSpan.Zero && row.tz == new System.DateTimeOffset(2025, 3, 4, 0, 0, 0, System.TimeSpan.Zero)" as timestamptz_type
          expect csharp "row.dt is System.DateOnly && row.dt == new System.DateOnly(2025, 3, 4) && row.dt <= System.DateOnly.FromDateTime(System.DateTime.UtcNow)" as date_type
          expect csharp "row.tm is System.TimeOnly" as time_type
          expect csharp "row.u is System.Guid && row.u == System.Guid.Parse(\"0b8f6a4e-7c1d-4f7e-9a51-2d3c4b5a6f70\")" as uuid_type
        """;

    /// <summary>The one row every path sees; the test row writes the same values as .gov literals.</summary>
    public const string Insert =
        "INSERT INTO typed VALUES (1, 'x', 5, 1.50, 0.5, true, TIMESTAMP '2025-03-04 00:00:00', TIMESTAMPTZ '2025-03-04 00:00:00+00', " +
        "DATE '2025-03-04', TIME '07:30:00', '0b8f6a4e-7c1d-4f7e-9a51-2d3c4b5a6f70')";

    public const string TestRow =
        "row { id: 1, t: \"x\", i: 5, n: 1.5, d: 0.5, b: true, ts: 2025-03-04, tz: 2025-03-04, dt: 2025-03-04, tm: now, u: \"0b8f6a4e-7c1d-4f7e-9a51-2d3c4b5a6f70\" } passes";

    public static readonly string[] Rules =
        ["text_type", "integer_type", "decimal_type", "double_type", "boolean_type", "timestamp_type", "timestamptz_type", "date_type", "time_type", "uuid_type"];

    public static string Policy(string store) => $$"""
        policy "Types" { version "1" owner "o" review every 1 year }
        classification public
        {{store}}
        dataset typed in db table "public.typed" {
        {{Dataset}}
        }
        test typed { {{TestRow}} }
        """;
}
