using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;
using PolicyLang.Testing;
using PolicyLang.Testing.Engines;
using Xunit;

namespace PolicyLang.Runtime.Differential;

/// <summary>
/// Through the whole runner on DuckDB and PostgreSQL: every sampled key of a failed rule is a real violator (by the
/// oracle), samples are the first violators by key, and masked columns appear only masked.
/// </summary>
public sealed class SampleTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    private static readonly MaskModel[] Masks = [new("t", "sha256"), new("v", "redact"), new("ref_code", "last", 1)];

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Duckdb_samples_are_real_violators_and_masked(int seed)
    {
        var c = DataGenerator.Generate(seed);
        using var directory = new TempDir("pl-diff-");
        DuckDbEngine.Load(c, directory.Path);
        var policy = CasePolicy.For(c, DuckDbEngine.Store, "", Masks);
        var options = new RunOptions { BaseDirectory = directory.Path, Now = c.Now, Retention = false };
        AssertSamples(c, await PolicyRunner.RunAsync(new TestPolicy(policy), options, CancellationToken.None));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Postgres_samples_are_real_violators_and_masked(int seed)
    {
        var c = DataGenerator.Generate(seed);
        var schema = $"samples_{seed}";
        var postgres = new PostgresEngine(db);
        await postgres.LoadAsync(c, schema);
        var policy = CasePolicy.For(c, PostgresEngine.Store, schema, Masks);
        using var directory = new TempDir("pl-diff-");
        var options = postgres.Options(directory.Path, c.Now);
        AssertSamples(c, await PolicyRunner.RunAsync(new TestPolicy(policy), options, CancellationToken.None));
    }

    private static void AssertSamples(GeneratedCase c, RunReport report)
    {
        var rows = c.Facts.Rows.ToDictionary(r => (long)r[GeneratedTable.Key]!);
        var checkedSamples = 0;
        foreach (var result in report.Rules)
        {
            var rule = c.Rules.Single(r => r.Name == result.Rule);
            var expected = SpecOracle.Evaluate(rule, c);
            if (expected.Status != "failed" || expected.Violations == 0 || rule.Kind == RuleKind.RowsAtLeast)
            {
                Assert.Empty(result.Samples);
                continue;
            }

            var keys = result.Samples.Select(s => long.Parse(s[GeneratedTable.Key]!, CultureInfo.InvariantCulture)).ToList();
            var violators = c.Facts.Rows.Where(r => SpecOracle.Violates(rule, r, c)).Select(r => (long)r[GeneratedTable.Key]!).Order().Take(5);
            Assert.True(violators.SequenceEqual(keys), $"{result.Rule}: sampled keys {string.Join(",", keys)}, first violators {string.Join(",", violators)}");
            foreach (var sample in result.Samples)
            {
                var row = rows[long.Parse(sample[GeneratedTable.Key]!, CultureInfo.InvariantCulture)];
                foreach (var (column, shown) in sample.Where(kv => kv.Key != GeneratedTable.Key))
                {
                    var raw = row[column];
                    var mask = Masks.SingleOrDefault(m => m.Column == column);
                    if (mask is null || raw is null)
                    {
                        continue;
                    }

                    Assert.Equal(Masked(mask, (string)raw), shown);
                    checkedSamples++;
                }
            }
        }

        Assert.True(checkedSamples > 0, "no masked column was sampled: the case does not exercise masking");
    }

    /// <summary>The masks as docs/runtime.md defines them, over code points (a mask never splits a character).</summary>
    private static string Masked(MaskModel mask, string raw) => mask.Method switch
    {
        "sha256" => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw))),
        "redact" => "***",
        _ => Last(raw, mask.Keep),
    };

    // A value no longer than n characters is all stars: the mask never shows a whole value.
    private static string Last(string raw, int keep)
    {
        var characters = raw.EnumerateRunes().ToArray();
        return string.Concat(characters.Select((r, i) => i < characters.Length - keep || characters.Length <= keep ? "*" : r.ToString()));
    }
}
