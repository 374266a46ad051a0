using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using Xunit;
using static PolicyLang.Core.Tests.Binding.BindingAssert;

namespace PolicyLang.Core.Tests.Binding;

/// <summary>House style of binding messages: backticked names, near-name hints, declared names otherwise.</summary>
public class MessageTests
{
    [Fact]
    public void Near_names_get_a_hint()
    {
        var diagnostic = AssertDiagnostic("dataset a in research table \"a\" { column source_id bigint key sourceid }", "GOV0202", "sourceid");
        Assert.Equal("column `sourceid` is not declared in dataset `a`; did you mean `source_id`?", diagnostic.Message);
    }

    [Fact]
    public void Far_names_list_what_is_declared()
    {
        var diagnostic = AssertDiagnostic("dataset a in research table \"a\" { column id bigint column ts date expect flux > 0 }", "GOV0202", "flux");
        Assert.Equal("column `flux` is not declared in dataset `a`; declared: `id`, `ts`", diagnostic.Message);
    }

    [Fact]
    public void Setting_of_another_store_kind_names_the_kinds()
    {
        var diagnostic = AssertDiagnostic("store ops mongodb { connection env(\"M\") file \"x\" }", "GOV0121", "file");
        Assert.Equal("`file` is not a setting of a `mongodb` store; it belongs to `duckdb` stores", diagnostic.Message);
    }

    [Fact]
    public void Archive_target_of_the_wrong_kind_names_its_kind()
    {
        var diagnostic = AssertDiagnostic("dataset a in research table \"a\" { retain 1 day by ts then archive to research as parquet then delete }", "GOV0304", "research");
        Assert.Contains("`postgres`", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_rule_names_suggest_as()
    {
        var diagnostic = AssertDiagnostic("dataset a in research table \"a\" { expect ra > 0\n expect ra > 1 }", "GOV0205", "ra >");
        Assert.Contains("`as <name>`", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bare_tolerance_suggests_a_percentage()
    {
        var diagnostic = AssertDiagnostic("dataset a in research table \"a\" { expect ra > 0 tolerance 2 }", "GOV0207", "2");
        Assert.Contains("`2%`", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_alone_are_not_errors()
    {
        var compilation = AssertNoErrors("dataset a in research table \"a\" { column id uuid expect id not null or null }");
        Assert.Equal(["GOV0204", "GOV0213"], compilation.Diagnostics.Select(d => d.Code));
        Assert.All(compilation.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
    }

    [Fact]
    public void Column_types_are_case_insensitive_and_keep_their_arguments()
    {
        var columns = AssertNoErrors("dataset a in research table \"a\" { column name VARCHAR(255) column price numeric(10, 2) column at Date }")
            .Bound.FindDataset("a")!.Columns;
        Assert.Equal(
            [("varchar(255)", ColumnTypeFamily.Text), ("numeric(10, 2)", ColumnTypeFamily.Decimal), ("date", ColumnTypeFamily.Date)],
            columns.Select(c => (c.Type, c.Family)));
    }
}
