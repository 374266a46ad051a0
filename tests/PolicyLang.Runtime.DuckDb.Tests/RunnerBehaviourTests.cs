using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Running;
using Xunit;

namespace PolicyLang.Runtime.DuckDb.Tests;

public sealed class RunnerBehaviourTests : IDisposable
{
    private readonly TempDir dir = new();

    public RunnerBehaviourTests() => dir.Exec("CREATE TABLE t (id BIGINT, v VARCHAR)", "INSERT INTO t VALUES (1, NULL), (2, 'x')");

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task A_failing_dataset_does_not_stop_the_others()
    {
        var broken = M.Dataset("broken", "no_such_table", "id", [M.Rule("v_not_null", RuleKind.NotNull, "v")]);
        var fine = M.Dataset("fine", "t", "id", [M.Rule("v_not_null", RuleKind.NotNull, "v")]);
        var report = await PolicyRunner.RunAsync(new TestPolicy(M.DuckDbPolicy([broken, fine])),
            new RunOptions { BaseDirectory = dir.Path, Now = M.Now }, CancellationToken.None);
        Assert.Contains("no_such_table", report.Datasets[0].Errors.Single());
        Assert.Equal(1, report.Rules.Single(r => r.Dataset == "fine").Violations);
        Assert.Equal(2, report.ExitCode);
    }

    [Fact]
    public async Task A_missing_environment_variable_names_the_variable_and_no_value()
    {
        var policy = M.DuckDbPolicy([M.Dataset("t", "t", "id", [M.Rule("v_not_null", RuleKind.NotNull, "v")])]) with
        {
            Stores = [new StoreModel("db", "duckdb", new Dictionary<string, SettingValue> { ["file"] = SettingValue.Env("PL_TEST_DB_FILE") })],
        };
        var missing = await PolicyRunner.RunAsync(new TestPolicy(policy),
            new RunOptions { BaseDirectory = dir.Path, Environment = _ => null }, CancellationToken.None);
        Assert.Contains("environment variable 'PL_TEST_DB_FILE', which is not set", missing.Datasets.Single().Errors.Single());
        Assert.Equal(2, missing.ExitCode);

        var present = await PolicyRunner.RunAsync(new TestPolicy(policy),
            new RunOptions { BaseDirectory = dir.Path, Environment = n => n == "PL_TEST_DB_FILE" ? "data.duckdb" : null }, CancellationToken.None);
        Assert.Equal(1, present.Rules.Single().Violations);
        Assert.Equal(1, present.ExitCode);
    }

    [Fact]
    public async Task The_dataset_filter_limits_the_run_and_reports_unknown_names()
    {
        var a = M.Dataset("a", "t", "id", [M.Rule("v_not_null", RuleKind.NotNull, "v")]);
        var b = M.Dataset("b", "t", "id", [M.Rule("id_not_null", RuleKind.NotNull, "id")]);
        var report = await PolicyRunner.RunAsync(new TestPolicy(M.DuckDbPolicy([a, b])),
            new RunOptions { BaseDirectory = dir.Path, Datasets = ["b", "zzz"] }, CancellationToken.None);
        Assert.Equal(["b"], report.Datasets.Select(d => d.Dataset));
        Assert.Equal("no dataset named 'zzz'", report.Errors.Single());
    }
}
