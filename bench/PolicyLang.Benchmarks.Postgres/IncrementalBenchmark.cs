using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;
using static PolicyLang.Benchmarks.Postgres.Harness;

namespace PolicyLang.Benchmarks.Postgres;

/// <summary>
/// Issue 18 item 5: ten row rules on a table of <c>rows</c> old rows and <c>rows / 100</c> new ones (an indexed sequence id as the
/// watermark), checked in full and incrementally (the watermark query, then the window's fused scan), through the same store calls a run makes.
/// </summary>
internal static class IncrementalBenchmark
{
    private static RuleModel R(string name, RuleKind kind, string column, params object?[] args) =>
        new(name, kind, column, args, false, Severity.Error, null, [], Src) { Watermark = "id" };

    private static readonly RuleModel[] Rules =
    [
        R("id_not_null", RuleKind.NotNull, "id"),
        R("country_shape", RuleKind.Matches, "country", "^[A-Z]{2}$"),
        R("age_between", RuleKind.Between, "age", 18L, 120L),
        R("age_not_null", RuleKind.NotNull, "age"),
        R("score_le", RuleKind.Compare, "score", 1.0) with { Operator = CompareOperator.LessOrEqual },
        R("score_ge", RuleKind.Compare, "score", 0.0) with { Operator = CompareOperator.GreaterOrEqual, OrNull = true },
        R("email_matches", RuleKind.Matches, "email", @"^[^@\s]+@[^@\s]+\.[a-z]+$"),
        R("status_in", RuleKind.In, "status", "active", "inactive", "pending"),
        R("dept_positive", RuleKind.Compare, "dept_id", 0L) with { Operator = CompareOperator.GreaterThan, OrNull = true },
        R("id_positive", RuleKind.Compare, "id", 0L) with { Operator = CompareOperator.GreaterThan },
    ];

    private const int Rounds = 5;

    public static async Task RunAsync(string connection, long rows)
    {
        var fresh = Math.Max(1, rows / 100);
        Console.WriteLine($"Seeding events with {rows:#,0} old and {fresh:#,0} new rows...");
        await ExecAsync(connection, "CREATE TABLE events (id bigint NOT NULL, email text, age integer, country text, score double precision, status text, dept_id integer)");
        await ExecAsync(connection, $"""
            INSERT INTO events
            SELECT g, CASE WHEN g % 997 = 0 THEN 'broken' ELSE 'user' || g || '@example.org' END, CASE WHEN g % 501 = 0 THEN NULL ELSE (g % 110) + 10 END,
                   (ARRAY['NL','DE','FR','BE','US','XX'])[1 + g % 6], (g % 1000) / 990.0, (ARRAY['active','inactive','pending','deleted'])[1 + g % 4], g % 50
            FROM generate_series(1, {rows + fresh}) AS g
            """);
        await ExecAsync(connection, "CREATE INDEX events_id ON events (id)");
        await ExecAsync(connection, "VACUUM ANALYZE events");

        var dataset = new DatasetModel("events", "db", LocationKind.Table, "events", "id", "internal", [], Rules, null, [], [], Src);
        var policy = Policy([dataset], null);
        await using var store = Open(policy, connection);
        var full = new DatasetCheckRequest(dataset, Rules, Now, policy);
        var from = Values.ToInvariantString(rows)!;
        async Task<DatasetCheckResult> Incremental()
        {
            var to = await store.WatermarkAsync(dataset, "id", from, CancellationToken.None);
            return await store.CheckAsync(full with { Window = new CheckWindow("id", from, to) }, CancellationToken.None);
        }

        var whole = await store.CheckAsync(full, CancellationToken.None);
        var window = await Incremental();
        if (window.Total != fresh || whole.Total != rows + fresh)
        {
            throw new InvalidOperationException($"the full check read {whole.Total} rows and the incremental one {window.Total}; expected {rows + fresh} and {fresh}");
        }

        var (a, b) = (double.MaxValue, double.MaxValue);
        for (var round = 0; round < Rounds; round++)
        {
            a = Math.Min(a, await MedianSecondsAsync(() => store.CheckAsync(full, CancellationToken.None), 1));
            b = Math.Min(b, await MedianSecondsAsync(Incremental, 1));
        }

        Console.WriteLine();
        Console.WriteLine($"Incremental checks: {rows:#,0} old + {fresh:#,0} new rows, {Rules.Length} row rules, watermark `id` (indexed), warm cache, best of {Rounds} interleaved rounds");
        Console.WriteLine("| variant                                          | rows read  | time (s) |");
        Console.WriteLine("|--------------------------------------------------|-----------:|---------:|");
        Console.WriteLine($"| full check (fused scan)                          | {whole.Total,10:#,0} | {F(a),8} |");
        Console.WriteLine($"| incremental (watermark query + window scan)      | {window.Total,10:#,0} | {F(b),8} |");
        Console.WriteLine();
        Console.WriteLine($"incremental / full = {F(b / a, "0.000")}   (goal ≤ 0.05)");
        Console.WriteLine();
    }
}
