using PolicyLang.Core.Binding;
using Xunit;
using static PolicyLang.Core.Tests.Binding.BindingAssert;

namespace PolicyLang.Core.Tests.Binding;

/// <summary>The policy's identity (issue 16): the `name` setting, else a slug of the title; never the file or folder.</summary>
public class PolicyIdentityTests
{
    private const string Rest = "\nclassification public < internal";

    [Theory]
    [InlineData("Genomics Lab", "genomics-lab")]
    [InlineData("  Genomics Lab: Retention & Quality (2025)  ", "genomics-lab-retention-quality-2025")]
    [InlineData("Área 51 — Ünïversity Straße Œuvre", "area-51-university-strasse-oeuvre")]
    [InlineData("データ", "policy")]
    [InlineData("---", "policy")]
    [InlineData("A very long policy title that goes on and on about the many datasets of the laboratory", "a-very-long-policy-title-that-goes-on-and-on-about-the-many")]
    public void The_slug_of_a_title_is_lower_case_ascii_words(string title, string slug)
    {
        Assert.Equal(slug, PolicyIdentity.Slug(title));
        Assert.True(PolicyIdentity.IsValid(PolicyIdentity.Slug(title)));
    }

    [Fact]
    public void Without_a_name_the_identity_is_the_slug_of_the_title_whatever_the_file_is_called()
    {
        var a = Compile("policy \"Genomics Lab\" { version \"1\" }" + Rest, "genomics.gov");
        var b = Compile("policy \"Genomics Lab\" { version \"1\" }" + Rest, "other/folder/main.gov");
        Assert.Equal("genomics-lab", a.Bound.Identity);
        Assert.Equal(a.Bound.Identity, b.Bound.Identity);
    }

    [Theory]
    [InlineData("genomics")]
    [InlineData("Genomics_Lab-2")]
    [InlineData("7th-floor")]
    public void A_name_is_the_identity(string name)
    {
        var compilation = Compile($"policy \"Genomics Lab\" {{ name \"{name}\" version \"1\" }}" + Rest);
        Assert.DoesNotContain(compilation.Diagnostics, d => d.Code == "GOV0130");
        Assert.Equal(name, compilation.Bound.Identity);
    }

    [Theory]
    [InlineData("genomics lab/2025", "did you mean `\"genomics-lab-2025\"`?")]
    [InlineData("-lab", "did you mean `\"lab\"`?")]
    [InlineData("labör", "did you mean `\"labor\"`?")]
    [InlineData("", "must be 1 to 64")]
    [InlineData("../etc", "did you mean `\"etc\"`?")]
    public void An_unusable_name_is_GOV0130_with_a_suggestion_and_the_title_still_names_the_policy(string name, string message)
    {
        var diagnostic = AssertDiagnostic($"policy \"Genomics Lab\" {{ name \"{name}\" version \"1\" }}" + Rest, "GOV0130", $"\"{name}\"", message);
        Assert.Equal(Core.Diagnostics.DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void A_name_longer_than_64_characters_is_refused()
    {
        var name = new string('a', 65);
        AssertDiagnostic($"policy \"Lab\" {{ name \"{name}\" }}" + Rest, "GOV0130", $"\"{name}\"", "1 to 64");
    }

    [Fact]
    public void A_name_without_quotes_is_an_error()
    {
        var compilation = Compile("policy \"Lab\" { name genomics }" + Rest);
        Assert.Contains(compilation.Diagnostics, d => d.Severity == Core.Diagnostics.DiagnosticSeverity.Error && d.File.GetText(d.Span) == "genomics");
    }

    [Fact]
    public void A_repeated_name_is_a_duplicate_setting()
    {
        AssertDiagnostic("policy \"Lab\" { name \"a\" name \"b\" }" + Rest, "GOV0109", "name");
    }
}

/// <summary>`file env("VAR")` and `path env("VAR")` (issue 16): paths read from the runner's environment, like connections.</summary>
public class EnvironmentPathTests
{
    [Fact]
    public void Duckdb_file_and_folder_path_accept_env_and_keep_the_variable_name_only()
    {
        var compilation = AssertNoErrors("store db duckdb { file env(\"LAB_DB\") }\nstore files folder { path env(\"LAB_ARCHIVE\") }");
        var db = compilation.Bound.FindStore("db")!.Settings["file"];
        var files = compilation.Bound.FindStore("files")!.Settings["path"];
        Assert.Equal(("LAB_DB", null), (db.EnvironmentVariable, db.Literal));
        Assert.Equal(("LAB_ARCHIVE", null), (files.EnvironmentVariable, files.Literal));
    }

    [Theory]
    [InlineData("store db duckdb { file env(\"1DB\") }", "GOV0113", "\"1DB\"")]
    [InlineData("store db duckdb { file LAB_DB }", "GOV0126", "LAB_DB")]
    [InlineData("store files folder { path env(\"\") }", "GOV0113", "\"\"")]
    public void A_bad_env_path_is_reported(string fragment, string code, string underlined) =>
        AssertDiagnostic(fragment, code, underlined);

    [Fact]
    public void The_wrong_kind_of_path_value_mentions_env()
    {
        AssertDiagnostic("store db duckdb { file LAB_DB }", "GOV0126", "LAB_DB", "or `env(\"NAME\")`");
    }

    [Fact]
    public void Documents_show_the_variable_name_never_a_value()
    {
        var compilation = AssertNoErrors("store db duckdb { file env(\"LAB_DB\") }");
        var markdown = Core.Docs.ComplianceDocument.RenderMarkdown(compilation.Bound, compilation.Coverage, Core.Docs.DocumentOptions.Default);
        Assert.Contains("file: from environment variable `LAB_DB`", markdown, StringComparison.Ordinal);
    }
}
