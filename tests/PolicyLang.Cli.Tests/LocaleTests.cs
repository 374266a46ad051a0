using System.Text.Json;
using DuckDB.NET.Data;
using Xunit;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// Dates, times and numbers read the same whatever the machine's locale: policyc run (JSON report and summary), plan,
/// docs and test under a German locale (comma decimals, dd.MM.yyyy) and under invariant globalization (MM/dd/yyyy)
/// print ISO 8601 and '.' decimals (docs/values-and-types.md).
/// </summary>
public sealed class LocaleTests : IDisposable
{
    private const string Policy = """
        policy "Locale" { version "1" owner "o" review every 1 year }
        classification public
        store local duckdb { file "locale.duckdb" }
        store archive folder { path "archive" }

        dataset samples in local table "main.samples" {
          owner "o" classification public
          key id
          column id      bigint not null
          column born    date
          column amount  decimal(10, 2)
          column ratio   double
          column seen_at timestamp
          column alarm   time

          expect born > 2030-01-01
          expect amount < 0
          expect ratio < 0.25
          expect seen_at > 2030-01-01
          expect csharp "row.born is System.DateOnly && row.amount is decimal && row.ratio is double && row.seen_at is System.DateTimeOffset && row.alarm is System.TimeOnly" as typed
          expect csharp "row.born > new System.DateOnly(2000, 1, 1)" as born_after_2000
          retain 30 days by seen_at then archive to archive as parquet then delete
        }

        approval "ann" role "owner" on 2026-11-01 approved
        change "1" on 2026-11-01 by "ann" "first version"

        test samples {
          row { id: 1, born: 2025-03-04, amount: 1234.5, ratio: 0.5, seen_at: 2025-03-04, alarm: now } fails born_gt, amount_lt, ratio_lt, seen_at_gt
          row { id: 2, born: 2031-01-01, amount: -1.5, ratio: 0.1, seen_at: 2031-01-01, alarm: now } passes
        }
        """;

    private readonly Scratch scratch = new();

    public LocaleTests()
    {
        scratch.File("locale.gov", Policy);
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(scratch.Path, "locale.duckdb")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE samples (id BIGINT NOT NULL, born DATE, amount DECIMAL(10, 2), ratio DOUBLE, seen_at TIMESTAMP, alarm TIME);
            INSERT INTO samples VALUES (1, DATE '2025-03-04', 1234.50, 0.5, TIMESTAMP '2025-03-04 13:45:01.5', TIME '07:30:00'),
                                       (2, DATE '2025-03-05', 7.25, 0.75, now()::TIMESTAMP, TIME '23:59:59.25');
            """;
        command.ExecuteNonQuery();
    }

    public void Dispose() => scratch.Dispose();

    public static TheoryData<string, string, string> Locales => new()
    {
        { "LC_ALL", "de_DE.UTF-8", "de-DE" },
        { "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1", "invariant" },
    };

    [Theory]
    [MemberData(nameof(Locales))]
    public void Reports_plans_documents_and_tests_write_iso_dates_and_invariant_numbers(string variable, string value, string name)
    {
        var environment = new Dictionary<string, string?> { [variable] = value, ["LANG"] = variable == "LC_ALL" ? value : null };
        Result Policyc(params string[] args) => Tests.Policyc.RunWith(environment, scratch.Path, scratch.Cache, args);

        var run = Policyc("run", ".", "--json", "report.json", "--batch-size", "1");
        Assert.True(run.ExitCode == 1, $"{name}: {run}");
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(scratch.Path, "report.json")));
        var samples = Samples(report, "born_gt");
        Assert.Equal(["2025-03-04", "2025-03-05"], samples.Select(s => s["born"]));
        Assert.Equal(["1234.50", "7.25"], Samples(report, "amount_lt").Select(s => s["amount"]));
        Assert.Equal(["0.5", "0.75"], Samples(report, "ratio_lt").Select(s => s["ratio"]));
        Assert.Equal("2025-03-04T13:45:01.5Z", Samples(report, "seen_at_gt")[0]["seen_at"]);
        // The csharp rules see one CLR type per column family (DateOnly, decimal, double, DateTimeOffset, TimeOnly).
        Assert.Equal(0, Rule(report, "typed").GetProperty("violations").GetInt64());
        Assert.Equal(0, Rule(report, "born_after_2000").GetProperty("violations").GetInt64());
        var retention = report.RootElement.GetProperty("retention")[0];
        Assert.Equal(1, retention.GetProperty("deleted").GetInt64());
        Assert.Matches(@"cutoff \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", run.Stdout);
        Assert.Contains("archived 1, deleted 1, anonymized 0 in 1 batch (cutoff", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("samples.born_gt: 2 of 2 rows", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("born=2025-03-04", run.Stdout, StringComparison.Ordinal);

        var plan = Policyc("plan", ".");
        Assert.True(plan.ExitCode == 0, $"{name}: {plan}");
        Assert.Contains("= 2030-01-01T00:00:00Z", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("= 0.25", plan.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("01/01/2030", plan.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("01.01.2030", plan.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("0,25", plan.Stdout, StringComparison.Ordinal);

        var docs = Policyc("docs", ".", "-o", "docs", "--run-report", "report.json");
        Assert.True(docs.ExitCode == 0, $"{name}: {docs}");
        var markdown = File.ReadAllText(Path.Combine(scratch.Path, "docs", "compliance.md"));
        var json = File.ReadAllText(Path.Combine(scratch.Path, "docs", "compliance.json"));
        foreach (var text in new[] { markdown, json })
        {
            Assert.Contains("2026-11-01", text, StringComparison.Ordinal);
            Assert.DoesNotContain("01.11.2026", text, StringComparison.Ordinal);
            Assert.DoesNotContain("11/01/2026", text, StringComparison.Ordinal);
        }

        var test = Policyc("test", ".");
        Assert.True(test.ExitCode == 0, $"{name}: {test}");
        Assert.Contains("2 passed, 0 failed", test.Stdout, StringComparison.Ordinal);
    }

    private static JsonElement Rule(JsonDocument report, string rule) =>
        report.RootElement.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == rule);

    private static List<Dictionary<string, string?>> Samples(JsonDocument report, string rule) =>
        Rule(report, rule).GetProperty("samples").EnumerateArray()
            .Select(s => s.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()))
            .ToList();
}
