using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Reporting;
using PolicyLang.Runtime.Running;
using Xunit;

namespace PolicyLang.Runtime.DuckDb.Tests;

public sealed class HostileInputTests : IDisposable
{
    private const string Table = "we\"ird; DROP TABLE victim; --";
    private const string Column = "co\"l'; DROP TABLE victim; --";
    private const string Evil = "'; DROP TABLE victim; --";
    private readonly TempDir dir = new();

    public HostileInputTests()
    {
        dir.Exec(
            "CREATE TABLE victim (x INTEGER)",
            "INSERT INTO victim VALUES (1)",
            $"CREATE TABLE \"{Table.Replace("\"", "\"\"")}\" (id BIGINT, \"{Column.Replace("\"", "\"\"")}\" VARCHAR, created TIMESTAMP)",
            $"INSERT INTO \"{Table.Replace("\"", "\"\"")}\" VALUES (1, '{Evil.Replace("'", "''")}', '2020-01-01'), (2, 'ok', '2026-05-31'), (3, NULL, '2020-01-02')");
    }

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Hostile_names_and_values_are_quoted_and_parameterized()
    {
        var rules = new[]
        {
            M.Rule("in_rule", RuleKind.In, Column, Evil),
            M.Rule("not_evil", RuleKind.Compare, Column, Evil) with { Operator = CompareOperator.NotEqual, OrNull = true },
            M.Rule("matches", RuleKind.Matches, Column, "^" + Evil) with { OrNull = true },
            M.Rule("unique", RuleKind.Unique, Column),
        };
        var retention = new RetentionModel(new Duration(30, DurationUnit.Day), "created", "archive", "parquet", "delete", [], M.Src);
        var dataset = M.Dataset("hostile", Table, "id", rules, retention);
        var policy = M.DuckDbPolicy([dataset], new AuditModel("db", "audit\"; DROP TABLE victim; --", null, true));
        var report = await PolicyRunner.RunAsync(new TestPolicy(policy), new RunOptions { BaseDirectory = dir.Path, Now = M.Now }, CancellationToken.None);

        Assert.Empty(report.Datasets.Single().Errors);
        var counts = report.Rules.ToDictionary(r => r.Rule, r => r.Violations);
        Assert.Equal(2, counts["in_rule"]);   // 'ok' and NULL
        Assert.Equal(1, counts["not_evil"]);  // the evil value itself
        Assert.Equal(1, counts["matches"]);   // 'ok'
        Assert.Equal(0, counts["unique"]);
        Assert.Equal(2, report.Retention.Single().Deleted);
        Assert.Equal(1, dir.Scalar("SELECT count(*) FROM victim"));
        Assert.Equal(1, dir.Scalar($"SELECT count(*) FROM \"{Table.Replace("\"", "\"\"")}\""));
        Assert.True(dir.Scalar("SELECT count(*) FROM \"audit\"\"; DROP TABLE victim; --\"") > 0);
        Assert.Equal(RuleStatus.Failed, report.Rules.Single(r => r.Rule == "in_rule").Status);
    }
}
