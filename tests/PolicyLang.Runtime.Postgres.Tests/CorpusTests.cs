using System.Globalization;
using System.Text.Json;
using Npgsql;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>tests/corpus/rules.json on PostgreSQL: the same answers as the in-memory evaluator and the DuckDB store.</summary>
public sealed class CorpusTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    private static readonly JsonElement Corpus = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "corpus", "rules.json"))).RootElement;
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse(Corpus.GetProperty("now").GetString()!, CultureInfo.InvariantCulture);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Corpus.GetProperty("cases").EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Postgres_store_agrees_with_the_corpus(string name)
    {
        var c = Corpus.GetProperty("cases").EnumerateArray().Single(x => x.GetProperty("name").GetString() == name);
        var rules = Rules(c).ToList();
        // Each case in its own schema: the class shares one database.
        var schema = "c_" + Guid.NewGuid().ToString("N")[..12];
        var datasets = new List<DatasetModel> { M.Dataset("data", $"{schema}.data", "id", rules.Select(r => r.Rule).ToList()) };
        var policy = M.Policy(datasets);
        await using var store = M.Open(policy, db.ConnectionString);
        await db.ExecAsync($"CREATE SCHEMA {schema}");
        await LoadAsync(store, $"{schema}.data", c);
        if (c.TryGetProperty("target", out var t))
        {
            var target = t.GetProperty("name").GetString()!;
            await LoadAsync(store, $"{schema}.{target}", t);
            datasets.Add(M.Dataset(target, $"{schema}.{target}", "id", []));
            policy = M.Policy(datasets);
        }
        var result = await store.CheckAsync(new DatasetCheckRequest(datasets[0], datasets[0].Rules, Now, policy), CancellationToken.None);
        Assert.Equal(rules.Select(r => r.Expected), rules.Zip(result.Counts, Describe));
    }

    private static string Describe((RuleModel Rule, string Expected) rule, RuleCounts counts)
    {
        var (status, _) = RuleSemantics.Decide(rule.Rule, counts);
        return $"{rule.Rule.Name}: {counts.Violations} {status.ToString().ToLowerInvariant()}{(counts.Error is null ? "" : " " + counts.Error)}";
    }

    private static IEnumerable<(RuleModel Rule, string Expected)> Rules(JsonElement c)
    {
        var types = c.GetProperty("columns").EnumerateArray().ToDictionary(x => x[0].GetString()!, x => x[1].GetString()!);
        foreach (var r in c.GetProperty("rules").EnumerateArray())
        {
            string? Str(string p) => r.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var column = Str("column");
            var type = column is null ? "BIGINT" : types[column];
            var args = r.TryGetProperty("args", out var a) ? a.EnumerateArray().Select(x => Convert(x, type)).ToArray() : [];
            var rule = new RuleModel(Str("name")!, Enum.Parse<RuleKind>(Str("kind")!), column, args,
                r.TryGetProperty("orNull", out var on) && on.GetBoolean(),
                Str("severity") is { } s ? Enum.Parse<Severity>(s) : Severity.Error,
                r.TryGetProperty("tolerance", out var tol) ? tol.GetDouble() : null, [], M.Src)
            {
                Operator = Str("operator") is { } op ? Enum.Parse<CompareOperator>(op) : null,
                TargetDataset = Str("targetDataset"),
                TargetColumn = Str("targetColumn"),
                Window = Str("window") is { } w ? new Duration(int.Parse(w.Split(' ')[0], CultureInfo.InvariantCulture),
                    Enum.Parse<DurationUnit>(w.Split(' ')[1].TrimEnd('s'), ignoreCase: true)) : null,
            };
            var expect = r.GetProperty("expect");
            yield return (rule, $"{rule.Name}: {expect[0].GetInt64()} {expect[1].GetString()}");
        }
    }

    private static object? Convert(JsonElement v, string type) => v.ValueKind == JsonValueKind.Null ? null : type switch
    {
        "BIGINT" or "INTEGER" => v.GetInt64(),
        "DOUBLE" => v.GetDouble(),
        "BOOLEAN" => v.GetBoolean(),
        "TIMESTAMP" or "TIMESTAMPTZ" => DateTimeOffset.Parse(v.GetString()!, CultureInfo.InvariantCulture).ToUniversalTime(),
        _ => v.GetString(),
    };

    private static string PgType(string corpusType) => corpusType switch
    {
        "BIGINT" => "bigint",
        "INTEGER" => "integer",
        "DOUBLE" => "double precision",
        "BOOLEAN" => "boolean",
        "TIMESTAMP" => "timestamp",
        "TIMESTAMPTZ" => "timestamptz",
        _ => "text",
    };

    /// <summary>Loads through the store's own connections (session zone UTC), values bound exactly as the store binds them.</summary>
    private static async Task LoadAsync(PostgresStore store, string table, JsonElement c)
    {
        var columns = c.GetProperty("columns").EnumerateArray().Select(x => (Name: x[0].GetString()!, Type: x[1].GetString()!)).ToList();
        await using var connection = await store.DataSource.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand($"CREATE TABLE {Sql.Table(table)} ({string.Join(", ", columns.Select(x => $"{Sql.Id(x.Name)} {PgType(x.Type)}"))})", connection))
            await create.ExecuteNonQueryAsync();
        foreach (var row in c.GetProperty("rows").EnumerateArray())
        {
            var p = new Parameters();
            var values = columns.Select((col, i) => p.Add(Convert(row[i], col.Type)) + "::" + PgType(col.Type)).ToList();
            await using var insert = new NpgsqlCommand($"INSERT INTO {Sql.Table(table)} VALUES ({string.Join(", ", values)})", connection);
            p.ApplyTo(insert);
            await insert.ExecuteNonQueryAsync();
        }
    }
}
