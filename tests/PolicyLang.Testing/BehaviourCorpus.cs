using System.Globalization;
using System.Text.Json;
using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Testing;

/// <summary>A corpus table: its name, columns (<c>[name, type]</c>, corpus types such as BIGINT or TIMESTAMPTZ) and rows as .NET values (null kept).</summary>
internal sealed record CorpusTable(string Name, IReadOnlyList<(string Name, string Type)> Columns, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows);

/// <summary>One corpus case: the checked table <c>data</c>, the optional <c>references</c> target and the rules with their expected lines.</summary>
internal sealed record CorpusCase(string Name, CorpusTable Data, CorpusTable? Target, IReadOnlyList<(RuleModel Rule, string Expected)> Rules)
{
    public IReadOnlyList<RuleModel> RuleModels => Rules.Select(r => r.Rule).ToList();

    public IEnumerable<string> Expected => Rules.Select(r => r.Expected);

    /// <summary>What an engine measured, as corpus lines in rule order.</summary>
    public IEnumerable<string> Measured(IReadOnlyList<RuleCounts> counts) => Rules.Zip(counts, (r, n) => BehaviourCorpus.Describe(r.Rule, n));
}

/// <summary>tests/corpus/rules.json (see its README): the one truth every engine must agree with.</summary>
internal static class BehaviourCorpus
{
    private static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "corpus", "rules.json"))).RootElement;

    /// <summary>The clock of every case.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse(Root.GetProperty("now").GetString()!, CultureInfo.InvariantCulture);

    public static IEnumerable<string> Names() => Root.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);

    public static CorpusCase Case(string name)
    {
        var c = Root.GetProperty("cases").EnumerateArray().Single(x => x.GetProperty("name").GetString() == name);
        var target = c.TryGetProperty("target", out var t) ? Table(t.GetProperty("name").GetString()!, t) : null;
        return new CorpusCase(name, Table("data", c), target, Rules(c).ToList());
    }

    /// <summary>
    /// The corpus line for what an engine measured: "name: violations status[ error]", and for a rule decided once its observed value
    /// to 12 significant digits ("name: 1 failed observed 2.5"; "observed none" for no value), so float noise of an engine's own
    /// summation order does not count as a disagreement.
    /// </summary>
    public static string Describe(RuleModel rule, RuleCounts counts)
    {
        var (status, _) = RuleSemantics.Decide(rule, counts);
        var line = $"{rule.Name}: {counts.Violations} {status.ToString().ToLowerInvariant()}{(counts.Error is null ? "" : " " + counts.Error)}";
        return RuleSemantics.IsDecidedOnce(rule.Kind) && counts.Error is null ? $"{line} observed {Observed(counts.Observed)}" : line;
    }

    private static string Observed(double? value) => value is { } v ? v.ToString("G12", CultureInfo.InvariantCulture) : "none";

    private static CorpusTable Table(string name, JsonElement c)
    {
        var columns = c.GetProperty("columns").EnumerateArray().Select(x => (Name: x[0].GetString()!, Type: x[1].GetString()!)).ToList();
        var rows = c.GetProperty("rows").EnumerateArray()
            .Select(row => (IReadOnlyDictionary<string, object?>)columns.Select((col, i) => (col.Name, Value: Convert(row[i], col.Type))).ToDictionary(x => x.Name, x => x.Value))
            .ToList();
        return new CorpusTable(name, columns, rows);
    }

    private static IEnumerable<(RuleModel Rule, string Expected)> Rules(JsonElement c)
    {
        var types = c.GetProperty("columns").EnumerateArray().ToDictionary(x => x[0].GetString()!, x => x[1].GetString()!);
        foreach (var r in c.GetProperty("rules").EnumerateArray())
        {
            string? Str(string p) => r.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var column = Str("column");
            string[] List(string p) => r.TryGetProperty(p, out var v) ? [.. v.EnumerateArray().Select(x => x.GetString()!)] : [];
            var type = column is null ? "BIGINT" : types[column];
            // Bounds of aggregates and row counts are numbers whatever the column holds (a count distinct of text is bounded by a number).
            var numeric = Str("kind") is "Aggregate" or "RowCount";
            var args = r.TryGetProperty("args", out var a) ? a.EnumerateArray().Select(x => Convert(x, numeric ? (x.TryGetInt64(out _) ? "BIGINT" : "DOUBLE") : type)).ToArray() : [];
            var rule = new RuleModel(Str("name")!, Enum.Parse<RuleKind>(Str("kind")!), column, args,
                r.TryGetProperty("orNull", out var on) && on.GetBoolean(),
                Str("severity") is { } s ? Enum.Parse<Severity>(s) : Severity.Error,
                r.TryGetProperty("tolerance", out var tol) ? tol.GetDouble() : null, [], M.Src)
            {
                Operator = Str("operator") is { } op ? Enum.Parse<CompareOperator>(op) : null,
                TargetDataset = Str("targetDataset"),
                TargetColumn = Str("targetColumn"),
                Window = Str("window") is { } w ? ParseDuration(w) : null,
                Function = Str("function") is { } f ? Enum.Parse<AggregateFunction>(f) : null,
                Probability = r.TryGetProperty("probability", out var p) ? p.GetDouble() : null,
            };
            // A composite unique or references (docs/composite-keys.md) lists its columns instead of naming one.
            if (List("columns") is { Length: > 0 } columns)
            {
                rule = rule with { Columns = columns, TargetColumns = List("targetColumns") };
            }

            var expect = r.GetProperty("expect");
            var observed = r.TryGetProperty("observed", out var o) ? $" observed {(o.ValueKind == JsonValueKind.Null ? "none" : Observed(o.GetDouble()))}" : "";
            yield return (rule, $"{rule.Name}: {expect[0].GetInt64()} {expect[1].GetString()}{observed}");
        }
    }

    private static Duration ParseDuration(string text)
    {
        var parts = text.Split(' ');
        return new Duration(int.Parse(parts[0], CultureInfo.InvariantCulture), Enum.Parse<DurationUnit>(parts[1].TrimEnd('s'), ignoreCase: true));
    }

    private static object? Convert(JsonElement v, string type) => v.ValueKind == JsonValueKind.Null ? null : type switch
    {
        "BIGINT" or "INTEGER" => v.GetInt64(),
        // JSON has no NaN or infinity: the corpus writes them as strings.
        "DOUBLE" => v.ValueKind == JsonValueKind.String ? double.Parse(v.GetString()!, CultureInfo.InvariantCulture) : v.GetDouble(),
        "BOOLEAN" => v.GetBoolean(),
        "TIMESTAMP" or "TIMESTAMPTZ" => DateTimeOffset.Parse(v.GetString()!, CultureInfo.InvariantCulture).ToUniversalTime(),
        _ => v.GetString(),
    };
}
