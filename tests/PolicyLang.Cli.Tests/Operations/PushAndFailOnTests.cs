using System.Globalization;
using DuckDB.NET.Data;
using PolicyLang.Runtime.Reporting;
using Xunit;

namespace PolicyLang.Cli.Tests.Operations;

/// <summary>
/// A small policy whose only broken rule is warn-severity: `--fail-on warn` turns its exit code to 1, and the last-success time
/// pushed to a real Pushgateway (and kept in a textfile) moves only with successful runs. A failed push never hides the run's code.
/// </summary>
public sealed class PushAndFailOnTests(PushAndFailOnTests.OpsPolicy policy) : IClassFixture<PushAndFailOnTests.OpsPolicy>
{
    private const string Policy = """
        policy "Ops Check" {
          version "1" name "ops-check"
          owner "ops"
        }

        classification public < internal

        store db duckdb { file "ops.duckdb" }

        dataset items in db table "main.items" {
          key id
          column id   bigint not null
          column name text
          expect id unique
          expect name not null severity warn
        }
        """;

    /// <summary>The policy and its data, shared by this class's tests (which only read the data): one enforcement build, reused.</summary>
    public sealed class OpsPolicy : IDisposable
    {
        public OpsPolicy()
        {
            Scratch.File("ops.gov", Policy);
            using var connection = new DuckDBConnection($"Data Source={System.IO.Path.Combine(Scratch.Path, "ops.duckdb")}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE items (id BIGINT NOT NULL, name TEXT); INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, NULL);";
            command.ExecuteNonQuery();
        }

        internal Scratch Scratch { get; } = new();

        public void Dispose() => Scratch.Dispose();
    }

    private Scratch Files => policy.Scratch;

    private Result Run(params string[] args) => Policyc.Run(Files.Path, Files.Cache, ["run", "ops.gov", .. args]);

    [Fact]
    public void Fail_on_warn_exits_1_where_the_default_exits_0_and_the_last_success_stays_put()
    {
        using var gateway = LoopbackServer.Pushgateway();
        var push = gateway.Url.ToString();

        var passing = Run("--push", push, "--metrics", "prom/ops.prom", "--json", "first.json");
        Assert.True(passing.ExitCode == 0, passing.ToString());
        var first = RunReport.FromJson(File.ReadAllText(Path.Combine(Files.Path, "first.json")));
        Assert.Equal(FailOn.Error, first.FailOn);
        var success = first.FinishedAt.ToUnixTimeMilliseconds() / 1000.0;
        var pushed = gateway.Scrape();
        Assert.Equal(success, Value(pushed, PrometheusMetrics.LastSuccess), 3);
        Assert.Equal(1, Value(pushed, "policylang_rule_violations", "rule=\"name_not_null\"", "severity=\"warn\""));
        Assert.Contains("job=\"ops-check\"", pushed, StringComparison.Ordinal);

        var strict = Run("--push", push, "--metrics", "prom/ops.prom", "--fail-on", "warn", "--junit", "junit.xml", "--github", "--json", "second.json");
        Assert.True(strict.ExitCode == 1, strict.ToString());
        var second = RunReport.FromJson(File.ReadAllText(Path.Combine(Files.Path, "second.json")));
        Assert.Equal((FailOn.Warn, 1), (second.FailOn, second.ExitCode));
        Assert.Contains("exit code 1", strict.Stdout, StringComparison.Ordinal);
        Assert.Contains("::error file=ops.gov,line=15,", strict.Stdout, StringComparison.Ordinal);
        Assert.Contains("failures=\"1\"", File.ReadAllText(Path.Combine(Files.Path, "junit.xml")), StringComparison.Ordinal);

        // The failed run updated everything but the last success, in the Pushgateway and in the textfile.
        pushed = gateway.Scrape();
        Assert.Equal(1, Value(pushed, "policylang_run_exit_code"));
        Assert.Equal(second.FinishedAt.ToUnixTimeMilliseconds() / 1000.0, Value(pushed, "policylang_run_last_timestamp_seconds"), 3);
        Assert.Equal(success, Value(pushed, PrometheusMetrics.LastSuccess), 3);
        var textfile = File.ReadAllText(Path.Combine(Files.Path, "prom", "ops.prom"));
        Assert.Equal(success, Value(textfile, PrometheusMetrics.LastSuccess), 3);
        Assert.Equal(1, Value(textfile, "policylang_run_exit_code"));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(Files.Path, "prom")));
    }

    [Fact]
    public void A_failed_push_is_one_line_and_exit_3_after_a_passing_run_but_never_hides_a_failing_run()
    {
        var nobody = $"http://127.0.0.1:{Consumers.FreePort()}";
        var passing = Run("--push", nobody);
        Assert.True(passing.ExitCode == 3, passing.ToString());
        Assert.Single(passing.Stderr.Split('\n'), l => l.StartsWith($"policyc: pushing metrics to {nobody}/metrics/job/ops-check failed: ", StringComparison.Ordinal));
        Assert.Contains("exit code 0", passing.Stdout, StringComparison.Ordinal);

        var failing = Run("--push", nobody, "--fail-on", "warn");
        Assert.True(failing.ExitCode == 1, failing.ToString());

        using var gateway = LoopbackServer.Pushgateway();
        var refused = Run("--push", new Uri(gateway.Url, "/metrics/job/").ToString());
        Assert.True(refused.ExitCode == 3, refused.ToString());
        Assert.Contains("failed: 40", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_documents_every_output_option_and_bad_values_are_usage_errors()
    {
        var help = Policyc.Run(Files.Path, Files.Cache, "run", "--help");
        foreach (var option in new[] { "--junit <file>", "--github", "--metrics <file>", "--push <url>", "--fail-on <error|warn>", "  3  " })
        {
            Assert.Contains(option, help.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal(2, Run("--fail-on", "info").ExitCode);
        var badUrl = Run("--push", "pushgateway:9091");
        Assert.Equal(2, badUrl.ExitCode);
        Assert.Contains("--push: 'pushgateway:9091' is not an http(s) URL", badUrl.Stderr, StringComparison.Ordinal);
    }

    private static double Value(string scraped, string name, params string[] labels)
    {
        var line = Assert.Single(scraped.Split('\n'), s => s.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(l => s.Contains(l, StringComparison.Ordinal)));
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}
