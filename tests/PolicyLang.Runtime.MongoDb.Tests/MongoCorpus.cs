using System.Globalization;
using System.Text.Json;
using MongoDB.Bson;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.MongoDb.Tests;

/// <summary>
/// tests/corpus/rules.json (the one truth every engine must agree with) as MongoDB documents. A NULL becomes a missing field
/// in odd rows and an explicit null in even rows, so the corpus also proves both count the same.
/// </summary>
internal static class MongoCorpus
{
    private static readonly JsonElement Corpus = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "corpus", "rules.json"))).RootElement;
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse(Corpus.GetProperty("now").GetString()!, CultureInfo.InvariantCulture);

    public static IEnumerable<string> Names() => Corpus.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);

    public static JsonElement Case(string name) => Corpus.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static List<BsonDocument> Documents(JsonElement c)
    {
        var columns = c.GetProperty("columns").EnumerateArray().Select(x => (Name: x[0].GetString()!, Type: x[1].GetString()!)).ToList();
        return c.GetProperty("rows").EnumerateArray().Select((row, r) =>
        {
            var document = new BsonDocument("_id", r + 1);
            for (var i = 0; i < columns.Count; i++)
            {
                if (row[i].ValueKind == JsonValueKind.Null && r % 2 == 1) continue;
                document[columns[i].Name] = MongoDbFields.Plain(Convert(row[i], columns[i].Type) switch { long l when columns[i].Type == "INTEGER" => (int)l, var v => v });
            }
            return document;
        }).ToList();
    }

    public static List<(RuleModel Rule, string Expected)> Rules(JsonElement c)
    {
        var types = c.GetProperty("columns").EnumerateArray().ToDictionary(x => x[0].GetString()!, x => x[1].GetString()!);
        var rules = new List<(RuleModel, string)>();
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
            rules.Add((rule, $"{rule.Name}: {expect[0].GetInt64()} {expect[1].GetString()}"));
        }
        return rules;
    }

    /// <summary>The corpus line for what an engine measured: "name: violations status[ error]".</summary>
    public static string Describe(RuleModel rule, RuleCounts counts)
    {
        var (status, _) = RuleSemantics.Decide(rule, counts);
        return $"{rule.Name}: {counts.Violations} {status.ToString().ToLowerInvariant()}{(counts.Error is null ? "" : " " + counts.Error)}";
    }

    private static object? Convert(JsonElement v, string type) => v.ValueKind == JsonValueKind.Null ? null : type switch
    {
        "BIGINT" or "INTEGER" => v.GetInt64(),
        "DOUBLE" => v.GetDouble(),
        "BOOLEAN" => v.GetBoolean(),
        "TIMESTAMP" or "TIMESTAMPTZ" => DateTimeOffset.Parse(v.GetString()!, CultureInfo.InvariantCulture).ToUniversalTime(),
        _ => v.GetString(),
    };
}
