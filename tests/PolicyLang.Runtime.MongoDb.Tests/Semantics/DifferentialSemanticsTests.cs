using System.Globalization;
using MongoDB.Bson;
using PolicyLang.Runtime.Differential;
using PolicyLang.Runtime.Model;
using PolicyLang.Testing.Engines;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests.Semantics;

/// <summary>
/// The differential test's generated cases (tests/PolicyLang.Runtime.Tests, generator in tests/PolicyLang.Testing) through the planned pipeline,
/// evaluated by mingo, against the same oracle. The rows are first made what this harness can hold (<see cref="AsStored"/>).
/// </summary>
public sealed class DifferentialSemanticsTests
{
    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 6));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_pipeline_counts_what_the_language_means(int seed)
    {
        var c = AsStored(DataGenerator.Generate(seed));
        var datasets = new List<DatasetModel> { M.Collection(c.Facts.Name, c.Facts.Name, c.Rules, "id"), M.Collection(c.Dims.Name, c.Dims.Name, [], "id") };
        var collections = new Dictionary<string, IReadOnlyList<BsonDocument>> { [c.Facts.Name] = MongoDbEngine.Documents(c.Facts), [c.Dims.Name] = MongoDbEngine.Documents(c.Dims) };
        var plan = MongoDbCheckPipeline.Plan(datasets[0], c.Rules, c.Now, M.MongoDbPolicy(datasets));
        var result = Mingo.Aggregate(c.Facts.Name, plan.Stages, collections).SingleOrDefault();
        var (_, counts) = plan.Read(result, name => (long)c.Rules.Single(r => r.Name == name).Args[0]!);
        var disagreements = c.Rules.Zip(counts, (rule, n) => (Rule: rule, Expected: SpecOracle.Evaluate(rule, c).ToString(), Measured: RuleText.Measured(rule, n)))
            .Where(x => RuleText.Comparable(x.Measured) != x.Expected)
            .Select(x => $"{x.Rule.Name}: {RuleText.Written(x.Rule)}\n    oracle {x.Expected}; mingo {x.Measured}")
            .ToList();
        Assert.True(disagreements.Count == 0, $"seed {seed}: {disagreements.Count} of {c.Rules.Count} rules disagree\n{string.Join("\n", disagreements)}");
    }

    /// <summary>
    /// The case as this harness can hold it: dates and timestamps as BSON dates (milliseconds), decimals as doubles (mingo
    /// has no Decimal128 arithmetic), Int64 beyond ±2^53 as doubles (its Extended JSON reader yields JavaScript numbers),
    /// NaN as null (mingo's <c>$isNumber</c> is false for NaN, MongoDB's true), and no astral characters in values or
    /// operands (mingo runs JavaScript regexes and string order in UTF-16 code units; MongoDB's PCRE and its binary string
    /// order use code points, as the other engines do). Rules reading `parses as json` are left out: MongoDB has no JSON parser, so
    /// the planner reports them as rule errors (PipelineBaselineTests shows it).
    /// </summary>
    private static GeneratedCase AsStored(GeneratedCase c) => c with
    {
        Facts = AsStored(c.Facts),
        Dims = AsStored(c.Dims),
        Rules = c.Rules.Where(r => !r.Args.Any(a => a is string s && s.Any(char.IsSurrogate)) && MongoDbShapes.Unsupported(r) is null).ToList(),
    };

    private static GeneratedTable AsStored(GeneratedTable table) => table with
    {
        Rows = table.Rows.Select(row => (IReadOnlyDictionary<string, object?>)row.ToDictionary(kv => kv.Key, kv => AsStored(kv.Value))).ToList(),
    };

    private static object? AsStored(object? value) => value switch
    {
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        DateTime d => new DateTime(d.Ticks - d.Ticks % TimeSpan.TicksPerMillisecond),
        DateTimeOffset d => new DateTime(d.UtcTicks - d.UtcTicks % TimeSpan.TicksPerMillisecond),
        decimal m => (double)m,
        long l when l is > 9_007_199_254_740_992L or < -9_007_199_254_740_992L => (double)l,
        double d when double.IsNaN(d) => null,
        string s when s.Any(char.IsSurrogate) => "astral",
        _ => value,
    };
}
