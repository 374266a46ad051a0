using DuckDB.NET.Data;
using PolicyLang.Runtime.Reporting;
using Xunit;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// First-week mistakes, through policyc processes: each is one line that names what to fix (no driver exception, no
/// stack trace, no misleading count), and counts read in the right number ("1 row", "1 batch", "expected to fail").
/// </summary>
public sealed class MessageTests : IDisposable
{
    private readonly Scratch scratch = new();

    public void Dispose() => scratch.Dispose();

    private Result Policyc(params string[] args) => Tests.Policyc.Run(scratch.Path, scratch.Cache, args);

    private static string Policy(string database, string table, string rules) => $$"""
        policy "Messages" { version "1" owner "o" review every 1 year }
        classification public
        store local duckdb { file "{{database}}" }
        store archive folder { path "archive" }
        dataset events in local table "{{table}}" {
          owner "o" classification public
          key id
          {{rules}}
          retain 30 days by created_at then archive to archive as parquet then delete
        }
        test events { row { id: 1 } fails id_gt }
        """;

    private void Seed(string database, string schema)
    {
        // Written under another name: a file named like its schema cannot even be seeded through that schema.
        var seed = Path.Combine(scratch.Path, "seed.duckdb");
        using (var connection = new DuckDBConnection($"Data Source={seed}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE SCHEMA IF NOT EXISTS {schema}; CREATE TABLE {schema}.events AS " +
                "SELECT i::BIGINT AS id, TIMESTAMP '2020-01-01' + INTERVAL (i) DAY AS created_at FROM range(3000) t(i)";
            command.ExecuteNonQuery();
        }

        File.Move(seed, Path.Combine(scratch.Path, database));
    }

    [Fact]
    public void A_column_missing_from_a_duckdb_table_is_one_line_naming_the_column_and_table()
    {
        Seed("lab.duckdb", "main");
        scratch.File("p.gov", Policy("lab.duckdb", "main.events", "expect observed_at not null\n  expect id > 0"));
        var result = Policyc("run", ".", "--json", "report.json", "--dry-run");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error   events.observed_at_not_null: not evaluated — column 'observed_at' does not exist in table 'main.events'", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("0 of 3000 rows", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Binder Error", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Contains("failed  events.id_gt: 1 of 3000 rows", result.Stdout, StringComparison.Ordinal);
        var report = RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "report.json")));
        var error = report.Rules.Single(r => r.Rule == "observed_at_not_null").Error!;
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void A_duckdb_file_named_like_its_schema_gets_advice()
    {
        Seed("qa.duckdb", "qa");
        scratch.File("p.gov", Policy("qa.duckdb", "qa.events", "expect id > 0"));
        var result = Policyc("run", ".", "--dry-run");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("table 'qa.events' is ambiguous: the file 'qa.duckdb' is attached as catalog \"qa\", the same name as its schema \"qa\"; rename the file", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Ambiguous reference", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_archive_path_that_is_a_file_is_one_line()
    {
        Seed("lab.duckdb", "main");
        scratch.File("p.gov", Policy("lab.duckdb", "main.events", "expect id > 0"));
        scratch.File("archive", "not a folder");
        var result = Policyc("run", ".");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"policyc: the run failed: dataset 'events': retention: store 'archive': path '{Path.Combine(scratch.Path, "archive")}' is a file, not a folder", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("DirectoryNotFoundException", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("IOException", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_dataset_gets_a_did_you_mean_and_nothing_runs()
    {
        Seed("lab.duckdb", "main");
        scratch.File("p.gov", Policy("lab.duckdb", "main.events", "expect id > 0"));
        var result = Policyc("run", ".", "--dataset", "evnets", "--json", "report.json");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("policyc: --dataset: the policy has no dataset named 'evnets'; did you mean `events`? (datasets: events)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean `events`?", RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "report.json"))).Errors.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_and_expectations_read_in_the_right_number()
    {
        Seed("lab.duckdb", "main");
        scratch.File("p.gov", Policy("lab.duckdb", "main.events", "expect id > 0\n  expect id < 3000"));
        var run = Policyc("run", ".", "--batch-size", "100000");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("failed  events.id_gt: 1 of 3000 rows", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"archived \d+, deleted \d+, anonymized 0 in 1 batch \(cutoff", run.Stdout);

        // A test that expects a rule to fail and it does not: "expected to fail", never "expected to fails".
        scratch.File("p.gov", Policy("lab.duckdb", "main.events", "expect id > 0\n  expect id < 3000").Replace("row { id: 1 }", "row { id: 5 }", StringComparison.Ordinal));
        var test = Policyc("test", ".");
        Assert.True(test.ExitCode == 1, test.ToString());
        Assert.Contains("events row expected to fail id_gt; expected 'id_gt' to fail, but no rule failed", test.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 passed, 1 failed", test.Stdout, StringComparison.Ordinal);

        scratch.File("broken.gov", "dataset more in local table \"t\" { owner \"o\" classification secret }");
        var check = Policyc("check", ".");
        Assert.Contains("1 error, 0 warnings", check.Stderr, StringComparison.Ordinal);
    }
}
