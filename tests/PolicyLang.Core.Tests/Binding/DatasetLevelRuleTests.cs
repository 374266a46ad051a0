using PolicyLang.Core.Binding.Model;
using Xunit;
using static PolicyLang.Core.Tests.Binding.BindingAssert;

namespace PolicyLang.Core.Tests.Binding;

/// <summary>Aggregates and row-count bounds: rules decided once per dataset (GOV0240–GOV0242 and the shared checks).</summary>
public class DatasetLevelRuleTests
{
    private static string Stars(string members) =>
        "dataset stars in research table \"stars\" {\n  column id bigint\n  column name text\n  column ra double\n  column mag numeric(5, 2)\n"
        + members + "\n}";

    [Theory]
    [InlineData("expect mean(ra) between 0 and 360")]
    [InlineData("expect min(mag) >= -30 expect max(mag) at most 30 expect sum(id) > 0 expect stddev(ra) < 100")]
    [InlineData("expect median(id) at least 1 expect quantile(ra, 0.95) <= 359.5 expect quantile(ra, 0) >= 0 as ra_q0 expect quantile(ra, 1) <= 360 as ra_q1")]
    [InlineData("expect count distinct(name) at least 2 expect null fraction(name) at most 2% expect null fraction(ra) <= 0.5")]
    [InlineData("expect rows at most 1000 expect rows between 1 and 1000 expect rows = 5 expect rows != 0")]
    [InlineData("expect name in [] expect ra in [] or null")]
    [InlineData("expect mean(ra) between 1 and 1 severity warn covers 3.1 as ra_mean_one")]
    public void Well_formed_rules_bind(string rule) => AssertNoErrors(Stars(rule));

    [Theory]
    [InlineData("expect mean(name) > 1", "GOV0209", "mean")]
    [InlineData("expect quantile(ra, 1.5) < 3", "GOV0240", "1.5")]
    [InlineData("expect mean(ra) > 1 or null", "GOV0241", "or null")]
    [InlineData("expect rows at most 5 tolerance 1%", "GOV0241", "tolerance 1%")]
    [InlineData("expect null fraction(ra) at most 101%", "GOV0242", "101%")]
    [InlineData("expect mean(ra) > \"x\"", "GOV0242", "\"x\"")]
    [InlineData("expect count distinct(name) >= -1", "GOV0242", "-1")]
    [InlineData("expect mean(ra) between 3 and 1", "GOV0210", "3 and 1")]
    [InlineData("expect rows between 9 and 1", "GOV0210", "9 and 1")]
    public void Reports(string rule, string code, string underlined) => AssertDiagnostic(Stars(rule), code, underlined);

    [Fact]
    public void Kinds_functions_and_default_names_bind()
    {
        var stars = AssertNoErrors(Stars(
            "expect mean(ra) between 0 and 360\nexpect quantile(ra, 0.9) <= 300\nexpect count distinct(name) >= 2\nexpect null fraction(name) at most 2%\nexpect rows at most 10\nexpect rows between 1 and 10"))
            .Bound.FindDataset("stars")!;
        Assert.Equal(["ra_mean", "ra_quantile", "name_count_distinct", "name_null_fraction", "rows_at_most", "rows_between"], stars.Rules.Select(r => r.Name));
        Assert.Equal([RuleKind.Aggregate, RuleKind.Aggregate, RuleKind.Aggregate, RuleKind.Aggregate, RuleKind.RowCount, RuleKind.RowCount], stars.Rules.Select(r => r.Kind));
        Assert.Equal(0.9, stars.Rules[1].Probability);
        Assert.Equal("<=", stars.Rules[1].Operator);
        Assert.Equal(0.02, (double)stars.Rules[3].Operands[0].Value!, 12);
        Assert.Null(stars.Rules[5].Column);
        Assert.Equal([1L, 10L], stars.Rules[5].Operands.Select(o => o.Value));
        Assert.Equal("quantile(ra, 0.9) <= 300", stars.Rules[1].Describe());
    }
}
