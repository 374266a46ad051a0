using PolicyLang.Runtime.Checks;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Testing;
using Xunit;

namespace PolicyLang.Runtime.DuckDb.Tests;

public sealed class PolicyTestRunnerTests
{
    private static readonly DatasetModel Orders = M.Dataset("orders", "orders", "id",
    [
        M.Rule("amount_between", RuleKind.Between, "amount", 0L, 1000L),
        M.Rule("placed_fresher", RuleKind.FresherThan, "placed") with { Window = new Duration(1, DurationUnit.Day), Severity = Severity.Warn },
        M.Rule("email_csharp", RuleKind.CSharp, null) with { Fields = ["email"], Predicate = row => ((string)row.email).Contains('@') },
        M.Rule("id_unique", RuleKind.Unique, "id"),
    ]);

    private static PolicyTestCase Test(bool pass, Dictionary<string, object?> row, params string[] fails) =>
        new("orders", row, pass, fails, M.Src);

    [Fact]
    public void Cases_pass_and_fail_as_expected_and_coverage_lists_unexercised_rules()
    {
        var tests = new[]
        {
            Test(true, new() { ["id"] = 1L, ["amount"] = 10L, ["placed"] = PolicyTestCase.Now, ["email"] = "a@b" }),
            Test(false, new() { ["id"] = 2L, ["amount"] = 5000L, ["placed"] = PolicyTestCase.Now, ["email"] = "a@b" }, "amount_between"),
            Test(false, new() { ["id"] = 3L, ["amount"] = 1L, ["placed"] = M.Now.AddDays(-3), ["email"] = "a@b" }, "placed_fresher"),
            Test(true, new() { ["id"] = 4L, ["amount"] = 1L, ["placed"] = PolicyTestCase.Now, ["email"] = null }),
            Test(false, new() { ["id"] = 5L, ["amount"] = 1L, ["placed"] = PolicyTestCase.Now, ["email"] = "a@b" }, "no_such_rule"),
            Test(true, new() { ["id"] = 6L, ["amount"] = -1L, ["placed"] = PolicyTestCase.Now, ["email"] = "a@b" }),
        };
        var report = PolicyTestRunner.Run(M.DuckDbPolicy([Orders]), tests, M.Now);
        Assert.Equal([true, true, true, false, false, false], report.Results.Select(r => r.Passed));
        Assert.Contains("'email_csharp' failed", report.Results[3].Message);
        Assert.Contains("threw", report.Results[3].Message);
        Assert.Contains("no rule named 'no_such_rule'", report.Results[4].Message);
        Assert.Contains("'amount_between' failed", report.Results[5].Message);
        Assert.Equal(["orders.email_csharp"], report.UncoveredRules);
        Assert.Equal(["orders.id_unique"], report.UntestableRules);
        Assert.Equal((3, 3), (report.Passed, report.Failed));
    }

    public static TheoryData<string> CorpusCases() => new(BehaviourCorpus.Names());

    [Theory]
    [MemberData(nameof(CorpusCases))]
    public void Policy_tests_agree_with_the_corpus_row_by_row(string name)
    {
        var c = BehaviourCorpus.Case(name);
        var rules = c.Rules.Where(r => InMemoryEvaluator.IsRowLevel(r.Rule.Kind)).ToList();
        var dataset = M.Dataset("data", "data", "id", rules.Select(r => r.Rule).ToList());
        var tests = c.Data.Rows.Select(row => new PolicyTestCase("data", row, true, [], M.Src)).ToList();
        var report = PolicyTestRunner.Run(M.DuckDbPolicy([dataset]), tests, BehaviourCorpus.Now);
        foreach (var (rule, expected) in rules)
        {
            var failing = report.Results.Count(r => r.FailingRules.Contains(rule.Name));
            Assert.Equal(expected.Split(' ')[1], $"{failing}");
        }
    }
}
