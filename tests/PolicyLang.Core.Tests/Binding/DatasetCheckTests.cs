using PolicyLang.Core.Binding.Model;
using Xunit;
using static PolicyLang.Core.Tests.Binding.BindingAssert;

namespace PolicyLang.Core.Tests.Binding;

/// <summary>Datasets, columns and rules (GOV0200–GOV0299).</summary>
public class DatasetCheckTests
{
    /// <summary>A dataset with typed columns, for rule fragments.</summary>
    private static string Stars(string members) =>
        "dataset stars in research table \"stars\" {\n  column id bigint\n  column name text\n  column ra double\n  column seen timestamptz\n  column born date\n  column ok boolean\n  column meta jsonb\n"
        + members + "\n}";

    [Theory]
    [InlineData("dataset a in research collection \"a\" { }", "GOV0200", "collection")]
    [InlineData("dataset a in archive table \"a\" { }", "GOV0200", "table")]
    [InlineData("dataset a in research prefix \"a/\" { }", "GOV0200", "prefix")]
    [InlineData("dataset a in research file \"a.csv\" { }", "GOV0200", "file")]
    [InlineData("dataset a in research table \"a\" { classification secret }", "GOV0201", "secret")]
    [InlineData("dataset a in research table \"a\" { column id bigint key idd }", "GOV0202", "idd")]
    [InlineData("dataset a in research table \"a\" { column id bigint expect nme not null }", "GOV0202", "nme")]
    [InlineData("dataset a in research table \"a\" { column id bigint mask email with sha256 }", "GOV0202", "email")]
    [InlineData("dataset a in research table \"a\" { column id bigint retain 1 day by ts then delete }", "GOV0202", "ts")]
    [InlineData("dataset a in research table \"a\" { column id bigint column ts date retain 1 day by ts then anonymize who }", "GOV0202", "who")]
    [InlineData("dataset a in research table \"a\" { column id bigint expect csharp \"row.id > 0 && row.size < 3\" }", "GOV0202", "size")]
    [InlineData("dataset a in research table \"a\" { column id bigint }\ndataset b in research table \"b\" { expect a_id references a.ident }", "GOV0202", "ident")]
    [InlineData("dataset a in research table \"a\" { column id bigint column id text }", "GOV0203", "id")]
    [InlineData("dataset a in research table \"a\" { column id bigintt }", "GOV0204", "bigintt")]
    [InlineData("dataset a in research table \"a\" { owner \"x\" owner \"y\" }", "GOV0109", "owner")]
    [InlineData("dataset a in research table \"a\" { expect id unique severity warn severity info }", "GOV0109", "severity")]
    [InlineData("dataset a in research table \"a\" { expect id unique\n expect id unique }", "GOV0205", "id unique")]
    [InlineData("dataset a in research table \"a\" { expect id unique as x\n expect ra not null as x }", "GOV0205", "x")]
    [InlineData("dataset a in research table \"a\" { expect id unique severity fatal }", "GOV0206", "fatal")]
    [InlineData("dataset a in research table \"a\" { expect id unique tolerance 0.5 }", "GOV0207", "0.5")]
    [InlineData("dataset a in research table \"a\" { expect id unique tolerance 150% }", "GOV0207", "150%")]
    [InlineData("dataset a in archive prefix \"raw/\" { expect rows at least 1 }", "GOV0208", "rows")]
    [InlineData("dataset a in archive prefix \"raw/\" { expect id not null }", "GOV0208", "not")]
    [InlineData("dataset a in research table \"a\" { expect objects at least 1 }", "GOV0208", "objects")]
    [InlineData("dataset a in research table \"a\" { expect object-age fresher than 1 day }", "GOV0208", "object-age")]
    [InlineData("dataset a in research table \"a\" { expect ra between 360 and 0 }", "GOV0210", "360 and 0")]
    [InlineData("dataset a in research table \"a\" { expect on between 2025-02-01 and 2025-01-01 }", "GOV0210", "2025-02-01 and 2025-01-01")]
    [InlineData("dataset a in research table \"a\" { expect band in [\"r\", 1] }", "GOV0211", "1")]
    [InlineData("dataset a in research table \"a\" { expect band in [\"G\", 3] }", "GOV0211", "3")]
    [InlineData("dataset a in research table \"a\" { expect email matches \"(a\" }", "GOV0212", "\"(a\"")]
    [InlineData("dataset a in research table \"a\" { expect id not null or null }", "GOV0213", "or null")]
    [InlineData("dataset a in research table \"a\" { expect b_id references bb.id }\ndataset b in research table \"b\" { }", "GOV0214", "bb")]
    [InlineData("test nothing { row { id: 1 } passes }", "GOV0214", "nothing")]
    [InlineData("store local duckdb { file \"l.duckdb\" }\ndataset a in local table \"a\" { }\ndataset b in research table \"b\" { expect a_id references a.id }", "GOV0215", "a")]
    [InlineData("dataset a in research table \"a\" { expect id references a.id }", "GOV0216", "a.id")]
    [InlineData("dataset a in research table \"a\" { expect flag = maybe }", "GOV0217", "maybe")]
    [InlineData("dataset a in research table \"a\" { expect flag != null }", "GOV0217", "null")]
    [InlineData("dataset a in research table \"a\" { expect rate < 5% }", "GOV0217", "5%")]
    [InlineData("dataset a in research table \"a\" { expect rows at least -1 }", "GOV0115", "-1")]
    [InlineData("dataset a in research table \"a\" { expect ts fresher than 0 hours }", "GOV0112", "0 hours")]
    public void Reports(string fragment, string code, string underlined) => AssertDiagnostic(fragment, code, underlined);

    [Theory]
    [InlineData("expect id matches \"^[0-9]+$\"", "matches")]
    [InlineData("expect name fresher than 1 day", "fresher")]
    [InlineData("expect name between 1 and 10", "10")]
    [InlineData("expect ra > \"high\"", "\"high\"")]
    [InlineData("expect seen > 5", "5")]
    [InlineData("expect born in [2025-01-01, 3]", "3")]
    [InlineData("expect ok = \"yes\"", "\"yes\"")]
    [InlineData("expect ok between true and false", "false")]
    public void Type_mismatches_against_declared_columns(string rule, string underlined)
    {
        var diagnostics = CompileFragment(Stars(rule)).Diagnostics.Where(d => d.Code == "GOV0209").ToList();
        Assert.Contains(diagnostics, d => d.File.GetText(d.Span) == underlined);
    }

    [Theory]
    [InlineData("expect id between 1 and 10")]
    [InlineData("expect ra between 0 and 360.5")]
    [InlineData("expect name matches \"^[A-Z]\" or null")]
    [InlineData("expect name in [\"a\", \"b\"]")]
    [InlineData("expect seen fresher than 2 days")]
    [InlineData("expect born fresher than 1 year")]
    [InlineData("expect seen > 2025-01-01")]
    [InlineData("expect ok = true")]
    [InlineData("expect meta.site not null")]
    [InlineData("expect meta.site matches \"x\"")]
    [InlineData("expect csharp \"row.id > 0 && row.meta != null\" as positive")]
    [InlineData("expect rows at least 0")]
    [InlineData("expect id unique tolerance 100% covers 3.1, 3.10 severity info")]
    public void Well_typed_rules_bind(string rule) => AssertNoErrors(Stars(rule));

    [Fact]
    public void Rule_options_and_default_names_bind()
    {
        var stars = AssertNoErrors(Stars(
            "expect id unique tolerance 2.5% covers 3.1, 3.10 severity info\nexpect meta.site not null\nexpect ra >= 0\nexpect ra != 7\nexpect csharp \"row.id > 0\""))
            .Bound.FindDataset("stars")!;
        var unique = stars.Rules.Single(r => r.Name == "id_unique");
        Assert.Equal(0.025, unique.Tolerance!.Value, 9);
        Assert.Equal(RuleSeverity.Info, unique.Severity);
        Assert.Equal(["3.1", "3.10"], unique.Covers.Select(c => c.Id));
        Assert.Equal(["id_unique", "meta_site_not_null", "ra_ge", "ra_ne", "csharp"], stars.Rules.Select(r => r.Name));
        Assert.Equal("meta.site", stars.Rules[1].Column);
        Assert.Equal(["id"], stars.Rules[^1].Fields);
    }

    [Fact]
    public void Columns_are_unchecked_when_none_are_declared()
    {
        AssertNoErrors("dataset a in research table \"a\" { key anything expect whatever between 1 and 2 mask x with redact }");
    }

    [Fact]
    public void A_dataset_with_an_unknown_store_is_dropped_but_still_checked()
    {
        var compilation = CompileFragment(
            "dataset a in nowhere table \"a\" {\n  column id bigint\n  classification secret\n  expect idd unique\n  grant read to nobody\n}\ntest a { row { id: 1 } fails idd_unique }");
        Assert.Equal(["GOV0119", "GOV0201", "GOV0202", "GOV0311"], compilation.Diagnostics.Select(d => d.Code));
        Assert.Null(compilation.Bound.FindDataset("a"));
        Assert.Empty(compilation.Bound.Tests);
    }
}
