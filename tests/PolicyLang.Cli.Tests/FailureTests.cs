using System.Text.Json;
using PolicyLang.Runtime.Reporting;
using Xunit;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// What a user sees when something is wrong: one line on stderr naming the problem, a documented exit
/// code, never a stack trace, and valid JSON wherever JSON was asked for.
/// </summary>
public sealed class FailureTests : IDisposable
{
    private const string PostgresPolicy = """
        policy "p" { version "1" owner "o" review every 1 year }
        classification public
        store db postgres { connection env("PL_FAILURE_PG") }
        dataset d in db table "public.t" { owner "o" classification public expect id not null }
        """;

    private const string BrokenPolicy = """
        policy "p" { version "1" owner "o" review every 1 year }
        classification public
        dataset d in nowhere table "t" { owner "o" classification public }
        """;

    private readonly Scratch scratch = new();

    public void Dispose() => scratch.Dispose();

    private Result Policyc(params string[] args) => Tests.Policyc.Run(scratch.Path, scratch.Cache, args);

    private static void AssertOneLineFailure(Result result, string message)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"policyc: {message}", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("init")]
    [InlineData("check")]
    [InlineData("docs")]
    [InlineData("build")]
    [InlineData("run")]
    [InlineData("plan")]
    [InlineData("schedule")]
    [InlineData("init-db")]
    [InlineData("test")]
    [InlineData("audit verify")]
    [InlineData("explain")]
    [InlineData("parse")]
    public void Every_verb_documents_its_exit_codes_and_an_example(string verb)
    {
        var result = Policyc([.. verb.Split(' '), "--help"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Exit codes:\n    0  ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"Examples:\n  policyc {verb}", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "chek", "." }, "unknown verb 'chek'; did you mean `check`?")]
    [InlineData(new string[0], "'policyc' needs a verb (verbs: check, docs,")]
    [InlineData(new[] { "audit" }, "'policyc audit' needs a verb (verbs: verify)")]
    [InlineData(new[] { "check", "--formt", "sarif" }, "unknown option '--formt'; did you mean `--format`?")]
    [InlineData(new[] { "docs", ".", "--ouput", "x" }, "unknown option '--ouput'; did you mean `--output`?")]
    public void A_mistyped_command_line_is_one_message_with_a_suggestion(string[] args, string message)
    {
        var result = Policyc(args);
        AssertOneLineFailure(result, message);
        Assert.Equal(2, result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.EndsWith("--help' for usage.\n", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_that_are_not_a_policy_are_named()
    {
        scratch.File("notes.txt", "hello");
        scratch.File("empty/readme.md", "no policy here");
        scratch.File("not-an-assembly.dll", "garbage");

        AssertOneLineFailure(Policyc("check", "notes.txt"), "'notes.txt' is not a .gov file");
        AssertOneLineFailure(Policyc("docs", "empty"), "no .gov files found under 'empty'");
        AssertOneLineFailure(Policyc("run", "not-an-assembly.dll"), $"'{Path.Combine(scratch.Path, "not-an-assembly.dll")}' is not a PolicyLang enforcement assembly (not a .NET assembly)");
    }

    [Fact]
    public void Sarif_stays_valid_json_when_the_check_cannot_run()
    {
        foreach (var args in new[] { new[] { "check", "missing", "--format", "sarif" }, ["check", "--format", "sarif", "--bogus"] })
        {
            var result = Policyc(args);
            Assert.True(result.ExitCode == 2, result.ToString());
            using var log = JsonDocument.Parse(result.Stdout);
            var invocation = log.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
            Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
            var text = invocation.GetProperty("toolExecutionNotifications")[0].GetProperty("message").GetProperty("text").GetString();
            Assert.Contains(text!, result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Output_paths_are_created_or_refused_before_any_work()
    {
        scratch.File("p.gov", PostgresPolicy);
        scratch.File("blocker", "a file where a folder is needed");

        var nested = Policyc("check", "p.gov", "-o", "reports/today/check.txt");
        Assert.True(nested.ExitCode == 0, nested.ToString());
        Assert.True(File.Exists(Path.Combine(scratch.Path, "reports", "today", "check.txt")));

        AssertOneLineFailure(Policyc("docs", "p.gov", "-o", "blocker/docs"), "cannot create output folder 'blocker/docs'");
        AssertOneLineFailure(Policyc("build", "p.gov", "-o", "blocker/bin"), "cannot create output folder 'blocker/bin'");
        var run = Policyc("run", "p.gov", "--json", "blocker/report.json");
        AssertOneLineFailure(run, "cannot write 'blocker/report.json'");
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void A_run_report_that_is_not_one_is_refused_by_docs()
    {
        scratch.File("p.gov", PostgresPolicy);
        scratch.File("broken.json", "{not json");
        scratch.File("other.json", "{\"name\": \"something else\"}");

        AssertOneLineFailure(Policyc("docs", "p.gov", "--run-report", "broken.json"), "'broken.json' is not a `policyc run --json` report");
        AssertOneLineFailure(Policyc("docs", "p.gov", "--run-report", "other.json"), "'other.json' is not a `policyc run --json` report");
        AssertOneLineFailure(Policyc("docs", "p.gov", "--run-report", "missing.json"), "cannot read the run report 'missing.json'");
        Assert.False(Directory.Exists(Path.Combine(scratch.Path, "out")), "nothing is written when the run report is refused");
    }

    [Fact]
    public void A_policy_with_errors_is_not_run_and_the_json_report_says_why()
    {
        scratch.File("p.gov", BrokenPolicy);
        scratch.File("report.json", "{ \"stale\": \"report of an earlier run\" }");

        var result = Policyc("run", "p.gov", "--json", "report.json");
        AssertOneLineFailure(result, "the policy has an error (listed above): nothing was run");
        Assert.Contains("p.gov(3,14): error GOV0119", result.Stderr, StringComparison.Ordinal);
        var report = RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "report.json")));
        Assert.Equal(2, report.ExitCode);
        Assert.Equal("the policy has an error (listed above): nothing was run", Assert.Single(report.Errors));
    }

    [Fact]
    public void A_missing_connection_variable_and_an_unreachable_server_fail_the_run_with_the_reason_on_stderr()
    {
        scratch.File("p.gov", PostgresPolicy);
        var unset = Tests.Policyc.RunWith(new Dictionary<string, string?> { ["PL_FAILURE_PG"] = null }, scratch.Path, scratch.Cache, "run", "p.gov", "--json", "unset.json");
        AssertOneLineFailure(unset, "the run failed: dataset 'd': ");
        Assert.Contains("environment variable 'PL_FAILURE_PG', which is not set", unset.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "unset.json"))).ExitCode);

        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var unreachable = Tests.Policyc.RunWith(
            new Dictionary<string, string?> { ["PL_FAILURE_PG"] = "Host=127.0.0.1;Port=1;Username=u;Password=p;Database=d;Timeout=3" }, scratch.Path, scratch.Cache, "run", "p.gov");
        AssertOneLineFailure(unreachable, "the run failed: dataset 'd': ");
        Assert.Contains("127.0.0.1:1", unreachable.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_verify_reports_an_unreachable_audit_store_in_one_line()
    {
        scratch.File("p.gov", PostgresPolicy + """

            audit { store db table "governance.audit_log" retain 1 year tamper-evident }
            """);
        var result = Tests.Policyc.RunWith(
            new Dictionary<string, string?> { ["PL_FAILURE_PG"] = "Host=127.0.0.1;Port=1;Username=u;Password=p;Database=d;Timeout=3" },
            scratch.Path, scratch.Cache, "audit", "verify", "p.gov");
        AssertOneLineFailure(result, "");
        Assert.Contains("127.0.0.1:1", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected error", result.Stderr, StringComparison.Ordinal);
        // Build progress may precede it; the failure itself is one line.
        Assert.Single(result.Stderr.Split('\n'), line => line.StartsWith("policyc: store 'db':", StringComparison.Ordinal));
    }
}
