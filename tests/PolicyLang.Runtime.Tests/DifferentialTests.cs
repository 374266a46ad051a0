using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Testing;
using PolicyLang.Testing.Engines;
using Xunit;

namespace PolicyLang.Runtime.Differential;

/// <summary>
/// Every engine must give, for every generated rule, the violation count, fresh-row count and status the language means
/// (<see cref="SpecOracle"/>): the in-memory evaluator, DuckDB's fused scan and PostgreSQL's fused scan.
/// </summary>
public sealed class DifferentialTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    private IEnumerable<ICheckEngine> Engines => [new InMemoryEngine(), new DuckDbEngine(), new PostgresEngine(db)];

    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 6));

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Every_engine_counts_what_the_language_means(int seed)
    {
        var c = DataGenerator.Generate(seed);
        var engines = new Dictionary<string, IReadOnlyList<RuleCounts>>();
        foreach (var engine in Engines)
        {
            engines[engine.Name] = (await engine.CountAsync(c)).Counts;
        }

        var disagreements = new List<string>();
        for (var i = 0; i < c.Rules.Count; i++)
        {
            var rule = c.Rules[i];
            var expected = SpecOracle.Evaluate(rule, c).ToString();
            var measured = engines.Select(e => (Engine: e.Key, Line: RuleText.Measured(rule, e.Value[i]))).ToList();
            if (measured.All(m => RuleText.Comparable(m.Line) == expected))
            {
                continue;
            }

            disagreements.Add($"{rule.Name}: {RuleText.Written(rule)}\n    oracle {expected}; " + string.Join("; ", measured.Select(m => $"{m.Engine} {m.Line}")));
        }

        Assert.True(disagreements.Count == 0, $"seed {seed}: {disagreements.Count} of {c.Rules.Count} rules disagree\n{string.Join("\n", disagreements)}");
    }

    [Fact]
    public async Task A_pattern_outside_the_portable_subset_runs_as_written_in_each_engine()
    {
        // No one meaning, so no oracle: each engine must run the pattern in its own dialect (never refuse it as non-portable).
        // In memory that is .NET's Regex as written; DuckDB's RE2 may reject what it lacks (back-references, look-ahead).
        var generated = DataGenerator.Generate(1);
        var column = generated.Facts.Columns.First(x => x.Type == ColumnType.Text).Name;
        var rules = RegexCases.NonPortable
            .Select((pattern, i) => new RuleModel($"native_{i}", RuleKind.Matches, column, [pattern], true, Severity.Error, null, [], CasePolicy.Src))
            .ToList();
        var c = generated with { Rules = rules, Seed = 1001 }; // its own schema: the theory loads seed 1 too
        var inMemory = InMemoryEvaluator.Evaluate(c.Rules, c.Facts.Rows, c.Now, c.RowsOf);
        var engines = new[] { ("duckdb", (await new DuckDbEngine().CountAsync(c)).Counts), ("postgres", (await new PostgresEngine(db).CountAsync(c)).Counts) };
        for (var i = 0; i < rules.Count; i++)
        {
            var regex = new System.Text.RegularExpressions.Regex(RegexCases.NonPortable[i]);
            var expected = c.Facts.Rows.Count(r => r[column] is string s && !regex.IsMatch(s));
            Assert.Equal((null, (long)expected), (inMemory[i].Error, inMemory[i].Violations));
            foreach (var (engine, counts) in engines)
            {
                Assert.False(counts[i].Error?.Contains("portable", StringComparison.Ordinal) ?? false, $"{engine} refused {RegexCases.NonPortable[i]}: {counts[i].Error}");
            }
        }

        Assert.Null(engines.Single(e => e.Item1 == "postgres").Item2[1].Error); // (?i) is PostgreSQL ARE syntax too
    }
}
