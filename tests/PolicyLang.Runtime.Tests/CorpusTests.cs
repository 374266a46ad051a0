using System.Globalization;
using System.Text.Json;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.DuckDb;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Stores;
using Xunit;

namespace PolicyLang.Runtime.Tests;

/// <summary>Runs tests/corpus/rules.json through the in-memory evaluator and the DuckDB store: both must give the corpus's answers.</summary>
public sealed class CorpusTests
{
    private static readonly JsonElement Corpus = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "corpus", "rules.json"))).RootElement;
    internal static readonly DateTimeOffset Now = DateTimeOffset.Parse(Corpus.GetProperty("now").GetString()!, CultureInfo.InvariantCulture);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Corpus.GetProperty("cases").EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void In_memory_evaluator_agrees_with_the_corpus(string name)
    {
        var c = Case(name);
        var rules = Rules(c).ToList();
        var target = c.TryGetProperty("target", out var t) ? Rows(t) : null;
        var counts = InMemoryEvaluator.Evaluate(rules.Select(r => r.Rule).ToList(), Rows(c), Now, _ => target);
        Assert.Equal(rules.Select(r => r.Expected), rules.Zip(counts, Describe));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Duckdb_store_agrees_with_the_corpus(string name)
    {
        var c = Case(name);
        var rules = Rules(c).ToList();
        using var dir = new TempDir();
        var datasets = new List<DatasetModel> { M.Dataset("data", "data", "id", rules.Select(r => r.Rule).ToList()) };
        await using var store = new DuckDbStore(new StoreModel("db", "duckdb", new Dictionary<string, SettingValue>()), dir.Db);
        Load(store, "data", c);
        if (c.TryGetProperty("target", out var t))
        {
            Load(store, t.GetProperty("name").GetString()!, t);
            datasets.Add(M.Dataset(t.GetProperty("name").GetString()!, t.GetProperty("name").GetString()!, "id", []));
        }
        var policy = M.Policy(dir.Path, datasets);
        var result = await store.CheckAsync(new DatasetCheckRequest(datasets[0], datasets[0].Rules, Now, policy), CancellationToken.None);
        Assert.Equal(rules.Select(r => r.Expected), rules.Zip(result.Counts, Describe));
    }

    private static string Describe((RuleModel Rule, string Expected) rule, RuleCounts counts)
    {
        var (status, _) = RuleSemantics.Decide(rule.Rule, counts);
        return $"{rule.Rule.Name}: {counts.Violations} {status.ToString().ToLowerInvariant()}{(counts.Error is null ? "" : " " + counts.Error)}";
    }

    internal static JsonElement Case(string name) =>
        Corpus.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static Dictionary<string, string> Types(JsonElement c) =>
        c.GetProperty("columns").EnumerateArray().ToDictionary(x => x[0].GetString()!, x => x[1].GetString()!);

    internal static List<IReadOnlyDictionary<string, object?>> Rows(JsonElement c)
    {
        var columns = c.GetProperty("columns").EnumerateArray().Select(x => (Name: x[0].GetString()!, Type: x[1].GetString()!)).ToList();
        return c.GetProperty("rows").EnumerateArray()
            .Select(row => (IReadOnlyDictionary<string, object?>)columns.Select((col, i) => (col.Name, Value: Convert(row[i], col.Type)))
                .ToDictionary(x => x.Name, x => x.Value))
            .ToList();
    }

    internal static IEnumerable<(RuleModel Rule, string Expected)> Rules(JsonElement c)
    {
        var types = Types(c);
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
                Window = Str("window") is { } w ? ParseDuration(w) : null,
            };
            var expect = r.GetProperty("expect");
            yield return (rule, $"{rule.Name}: {expect[0].GetInt64()} {expect[1].GetString()}");
        }
    }

    private static Duration ParseDuration(string text)
    {
        var parts = text.Split(' ');
        var unit = Enum.Parse<DurationUnit>(parts[1].TrimEnd('s'), ignoreCase: true);
        return new Duration(int.Parse(parts[0], CultureInfo.InvariantCulture), unit);
    }

    private static object? Convert(JsonElement v, string type) => v.ValueKind == JsonValueKind.Null ? null : type switch
    {
        "BIGINT" or "INTEGER" => v.GetInt64(),
        "DOUBLE" => v.GetDouble(),
        "BOOLEAN" => v.GetBoolean(),
        "TIMESTAMP" or "TIMESTAMPTZ" => DateTimeOffset.Parse(v.GetString()!, CultureInfo.InvariantCulture).ToUniversalTime(),
        _ => v.GetString(),
    };

    private static void Load(DuckDbStore store, string table, JsonElement c)
    {
        var columns = c.GetProperty("columns").EnumerateArray().Select(x => $"\"{x[0].GetString()}\" {x[1].GetString()}");
        store.Execute($"CREATE TABLE \"{table}\" ({string.Join(", ", columns)})");
        foreach (var row in Rows(c))
        {
            var p = new Parameters();
            store.Execute($"INSERT INTO \"{table}\" VALUES ({string.Join(", ", row.Values.Select(p.Add))})", p);
        }
    }
}
