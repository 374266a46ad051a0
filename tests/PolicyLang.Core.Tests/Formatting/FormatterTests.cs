using PolicyLang.Core.Formatting;
using PolicyLang.Core.Text;
using Xunit;

namespace PolicyLang.Core.Tests.Formatting;

/// <summary>The canonical layout (docs/formatter.md) on small inputs, and its properties over every sample and example.</summary>
public sealed class FormatterTests
{
    public static TheoryData<string> Policies()
    {
        var data = new TheoryData<string>();
        var samples = Samples.SingleFile.Select(Samples.MainPath);
        var examples = Directory.EnumerateFiles(RepositoryPaths.InRoot("examples"), "*.gov", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        foreach (var path in samples.Concat(examples).Distinct(StringComparer.Ordinal))
        {
            data.Add(path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Formatting_keeps_every_token_and_comment_and_is_idempotent(string path)
    {
        var text = File.ReadAllText(path);
        FormatterProperties.AssertHold(new SourceFile(path, text));
        FormatterProperties.AssertHold(new SourceFile(path, text.ReplaceLineEndings("\r\n")));
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void A_crlf_file_formats_to_the_same_text_with_crlf(string path)
    {
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var lf = PolicyFormatter.Format(new SourceFile(path, text)).Text;
        var crlf = PolicyFormatter.Format(new SourceFile(path, text.ReplaceLineEndings("\r\n"))).Text;
        Assert.Equal(lf?.ReplaceLineEndings("\r\n"), crlf);
    }

    [Fact]
    public void Every_example_is_formatted()
    {
        foreach (var example in Directory.EnumerateFiles(RepositoryPaths.InRoot("examples"), "*.gov", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(example);
            Assert.True(PolicyFormatter.Format(new SourceFile(example, text)).Text == text, $"{example} is not formatted: run `policyc fmt examples`");
        }
    }

    [Theory]
    [InlineData(
        "policy   \"p\"   {\n\tversion    \"1\"\n      owner \"o\"\n}\n",
        "policy \"p\" {\n  version \"1\"\n  owner   \"o\"\n}\n")]
    [InlineData(
        "\n\n\nrole a \"A\"\n\n\n\nrole b \"B\"\n\n\n",
        "role a \"A\"\n\nrole b \"B\"\n")]
    [InlineData(
        "role a \"A\" role b \"B\"",
        "role a \"A\"\nrole b \"B\"\n")]
    [InlineData(
        "store s duckdb\n{\n\n  file \"x\"\n\n}",
        "store s duckdb {\n  file \"x\"\n}\n")]
    [InlineData(
        "store s duckdb {  file  \"x\"  }",
        "store s duckdb { file \"x\" }\n")]
    [InlineData(
        "store s postgres { connection env ( \"X\" )\n tls required }",
        "store s postgres {\n  connection env(\"X\")\n  tls        required\n}\n")]
    [InlineData(
        "dataset d in s table \"t\" {\ncolumn a varchar ( 10 )   not null pii\nexpect a in [ \"x\" , \"y\" ] or null as a_ok\nexpect b.c references e . f\n}",
        "dataset d in s table \"t\" {\n  column a varchar(10) not null pii\n  expect a in [\"x\", \"y\"] or null as a_ok\n  expect b.c references e.f\n}\n")]
    [InlineData(
        "dataset d in s table \"t\" {\n  expect a in [\n\"x\",\n\"y\"]\n  retain 1 day by ts then\n  archive to s as parquet then delete\n}",
        "dataset d in s table \"t\" {\n  expect a in [\n    \"x\",\n    \"y\"]\n  retain 1 day by ts then\n    archive to s as parquet then delete\n}\n")]
    [InlineData(
        "dataset d in s table \"t\" {\n  expect a in [\n  \"x\",\n  \"y\",\n      ]\n}",
        "dataset d in s table \"t\" {\n  expect a in [\n    \"x\",\n    \"y\",\n  ]\n}\n")]
    [InlineData(
        "test d {\nrow {a:1,b : \"x\"}   passes\nrow {\na: 2\n} fails a_between\n}",
        "test d {\n  row { a: 1, b: \"x\" } passes\n  row {\n    a: 2\n  } fails a_between\n}\n")]
    [InlineData(
        "classification public<internal   <   confidential",
        "classification public < internal < confidential\n")]
    [InlineData(
        "approval \"a\" role \"r\"\non 2025-01-01 approved",
        "approval \"a\" role \"r\"\n  on 2025-01-01 approved\n")]
    [InlineData(
        "role researcher \"R\"\nrole dba \"D\"\n\nrole x \"X\"\nstore a   duckdb { file \"a\" }\nstore bb folder { path \"b\" }",
        "role researcher \"R\"\nrole dba        \"D\"\n\nrole x \"X\"\nstore a  duckdb { file \"a\" }\nstore bb folder { path \"b\" }\n")]
    [InlineData(
        "dataset d in s table \"t\" {\n  description \"x\"\n  classification c\n  column id bigint not null\n  column created_at timestamptz\n  column e text pii\n  grant read to a\n  grant write to b\n}",
        "dataset d in s table \"t\" {\n  description    \"x\"\n  classification c\n  column id         bigint      not null\n  column created_at timestamptz\n  column e          text        pii\n  grant read  to a\n  grant write to b\n}\n")]
    [InlineData(
        "audit {\n  store s\n  // the table\n  table \"t\"\n  retain 1 year\n  tamper-evident\n}",
        "audit {\n  store s\n  // the table\n  table  \"t\"\n  retain 1 year\n  tamper-evident\n}\n")]
    [InlineData(
        "dataset d in s table \"t\" {\ncolumn ts   timestamp not null\n   watermark    ts\nexpect a   between 1 and 2   incremental   by  id as a_ok\n}",
        "dataset d in s table \"t\" {\n  column ts timestamp not null\n  watermark ts\n  expect a between 1 and 2 incremental by id as a_ok\n}\n")]
    [InlineData("", "")]
    [InlineData("\n \n", "")]
    public void Layout_rules(string input, string expected) =>
        Assert.Equal(expected, PolicyFormatter.Format(new SourceFile("main.gov", input)).Text);

    [Theory]
    [InlineData(
        "// header\n\n  // about roles\nrole a \"A\"   // trailing   \nrole b \"B\" /* inline */ // two\n// at the end",
        "// header\n\n// about roles\nrole a \"A\" // trailing\nrole b \"B\" /* inline */ // two\n// at the end\n")]
    [InlineData(
        "store s duckdb { // after the brace\n     // inside the block\n  file \"x\" // trailing\n      // before the closing brace\n}",
        "store s duckdb { // after the brace\n  // inside the block\n  file \"x\" // trailing\n  // before the closing brace\n}\n")]
    [InlineData(
        "dataset d in s table \"t\" {\n  /* a block\n     comment */ owner \"o\"\n  expect a /* between */ unique\n}",
        "dataset d in s table \"t\" {\n  /* a block\n     comment */\n  owner \"o\"\n  expect a /* between */ unique\n}\n")]
    [InlineData(
        "role a \"A\" // no final line break",
        "role a \"A\" // no final line break\n")]
    public void Comments_are_never_lost_and_keep_their_place(string input, string expected) =>
        Assert.Equal(expected, PolicyFormatter.Format(new SourceFile("main.gov", input)).Text);

    [Fact]
    public void A_file_with_syntax_errors_is_not_formatted_and_its_errors_are_returned()
    {
        var result = PolicyFormatter.Format(new SourceFile("main.gov", "store s postgres {   tsl required }\nrole a \"A"));
        Assert.Null(result.Text);
        Assert.Equal(["GOV0001", "GOV0003"], result.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Binding_errors_do_not_stop_formatting()
    {
        var result = PolicyFormatter.Format(new SourceFile("main.gov", "dataset   d in nowhere table \"t\" { }"));
        Assert.Equal("dataset d in nowhere table \"t\" { }\n", result.Text);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void A_byte_order_mark_is_kept()
    {
        Assert.Equal("\uFEFFrole a \"A\"\n", PolicyFormatter.Format(new SourceFile("main.gov", "\uFEFF  role a   \"A\"")).Text);
    }
}
