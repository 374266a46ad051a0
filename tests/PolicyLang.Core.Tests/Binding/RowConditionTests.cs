using PolicyLang.Core.Binding.Model;
using Xunit;
using static PolicyLang.Core.Tests.Binding.BindingAssert;

namespace PolicyLang.Core.Tests.Binding;

/// <summary>Rules written as conditions, <c>where</c>, <c>now</c>/<c>today</c>, applicable tolerances and quoted names (GOV0220–GOV0224).</summary>
public class RowConditionTests
{
    private static string Orders(string members) =>
        "dataset orders in research table \"orders\" {\n  column id bigint\n  column status text\n  column qty integer\n  column price double\n"
        + "  column ordered_at timestamptz\n  column shipped_at timestamptz\n  column dob date\n  column gift boolean\n  column \"größe\" double\n  column \"order\" text\n"
        + "  column \"name with space\" text\n" + members + "\n}";

    private static RuleSymbol Rule(string rule)
    {
        var compilation = AssertNoErrors(Orders(rule));
        return compilation.Bound!.Datasets.Single().Rules.Single();
    }

    [Theory]
    [InlineData("expect status not in [\"x\", \"y\"]", "status_not_in", "status not in [\"x\", \"y\"]")]
    [InlineData("expect status not in []", "status_not_in", "status not in []")]
    [InlineData("expect status not matches \"^t\"", "status_not_matches", "status not matches \"^t\"")]
    [InlineData("expect status is null", "status_is_null", "status is null")]
    [InlineData("expect shipped_at >= ordered_at", "shipped_at_ge", "shipped_at >= ordered_at")]
    [InlineData("expect qty != id", "qty_ne", "qty != id")]
    [InlineData("expect price between qty and id", "price_between", "price >= qty and price <= id")]
    [InlineData("expect dob <= today", "dob_le", "dob <= today")]
    [InlineData("expect ordered_at between 1900-01-01 and now", "ordered_at_between", "ordered_at >= 1900-01-01 and ordered_at <= now")]
    [InlineData("expect \"größe\" > qty", "größe_gt", "\"größe\" > qty")]
    [InlineData("expect \"name with space\" not in [\"a\"]", "name with space_not_in", "\"name with space\" not in [\"a\"]")]
    public void A_rule_written_as_a_condition_binds_to_one(string rule, string name, string described)
    {
        var symbol = Rule(rule);
        Assert.Equal(RuleKind.Condition, symbol.Kind);
        Assert.Equal(name, symbol.Name);
        Assert.Equal(described, symbol.Describe());
    }

    [Fact]
    public void Existing_forms_keep_their_kind_and_take_where()
    {
        var symbol = Rule("expect qty between 1 and 5 where status = \"shipped\" and not (gift = true or \"order\" is null) or null");
        Assert.Equal(RuleKind.Between, symbol.Kind);
        Assert.True(symbol.OrNull);
        Assert.Equal("qty between 1 and 5 or null where status = \"shipped\" and not (gift = true or order is null)", symbol.Describe());
        Assert.IsType<AndCondition>(symbol.Where);
    }

    [Fact]
    public void Tolerance_of_applicable_rows_is_kept()
    {
        Assert.True(Rule("expect qty > 0 tolerance 5% of applicable rows where status = \"a\"").ToleranceOfApplicable);
        Assert.False(Rule("expect qty > 0 tolerance 5% of all rows").ToleranceOfApplicable);
    }

    [Fact]
    public void Precedence_is_not_then_and_then_or()
    {
        var where = Rule("expect qty > 0 where not gift = true and qty > 1 or qty < -1").Where;
        var or = Assert.IsType<OrCondition>(where);
        var and = Assert.IsType<AndCondition>(or.Left);
        Assert.IsType<NotCondition>(and.Left);
    }

    [Theory]
    [InlineData("expect id unique where status = \"a\"", "GOV0220", "where")]
    [InlineData("expect ordered_at fresher than 1 day where qty > 1", "GOV0220", "where")]
    [InlineData("expect qty >= status", "GOV0221", "qty >= status")]
    [InlineData("expect shipped_at > price", "GOV0221", "shipped_at > price")]
    [InlineData("expect gift > gift", "GOV0221", "gift > gift")]
    [InlineData("expect qty > 0 where 5 in [1, 5]", "GOV0222", "5")]
    [InlineData("expect qty > 0 where 1 = 1", "GOV0222", "1 = 1")]
    [InlineData("expect id unique tolerance 1% of applicable rows", "GOV0224", "applicable rows")]
    [InlineData("expect qty > 0 where stauts = \"a\"", "GOV0202", "stauts")]
    [InlineData("expect status not in [1]", "GOV0209", "1")]
    [InlineData("expect qty > 0 where status > 5", "GOV0209", "5")]
    public void Mistakes_are_reported(string rule, string code, string underlined) =>
        AssertDiagnostic(Orders(rule), code, underlined);

    [Theory]
    [InlineData("dataset a in research table \"a\" { column \"a.b\" text }", "\"a.b\"")]
    [InlineData("dataset a in research table \"a\" { column \"\" text }", "\"\"")]
    public void Quoted_names_without_dots(string fragment, string underlined) =>
        AssertDiagnostic(fragment, "GOV0223", underlined);

    [Fact]
    public void Quoted_names_that_are_fine_compile() =>
        AssertNoErrors("dataset a in research table \"a\" { column \"größe\" double\n column \"order\" text\n column \"name with space\" text\n expect \"order\" not null }\ntest a { row { \"größe\": 1, \"order\": \"x\", \"name with space\": \"y\" } passes }");

    [Fact]
    public void Deep_parentheses_are_a_syntax_error_not_a_crash()
    {
        var compilation = CompileFragment(Orders("expect qty > 0 where " + new string('(', 5000) + "qty > 1" + new string(')', 5000)));
        Assert.True(compilation.HasErrors);
    }
}
