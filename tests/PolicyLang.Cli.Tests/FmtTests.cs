using Xunit;

namespace PolicyLang.Cli.Tests;

/// <summary>`policyc fmt` as users and CI run it: each flag, standard input, folders, line endings, syntax errors, usage errors.</summary>
public sealed class FmtTests
{
    private const string Messy = "role   a   \"A\"\nrole bb \"B\"   // note\nstore s duckdb{file \"x\"}\n";
    private const string Formatted = "role a  \"A\"\nrole bb \"B\" // note\nstore s duckdb { file \"x\" }\n";

    [Fact]
    public void By_default_files_are_rewritten_in_place_and_the_changed_ones_listed()
    {
        using var scratch = new Scratch();
        var messy = scratch.File("policy/messy.gov", Messy);
        var clean = scratch.File("policy/clean.gov", Formatted);
        var result = Policyc.Run(scratch.Path, scratch.Cache, "fmt", "policy");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Formatted, File.ReadAllText(messy));
        Assert.Equal(Formatted, File.ReadAllText(clean));
        Assert.Equal([Path.Combine("policy", "messy.gov")], Lines(result.Stdout));
    }

    [Fact]
    public void Without_a_path_the_current_folder_is_formatted_recursively_except_build_output()
    {
        using var scratch = new Scratch();
        var nested = scratch.File("a/b/deep.gov", Messy);
        var top = scratch.File("top.gov", Messy);
        var output = scratch.File("obj/generated.gov", Messy);
        var result = Policyc.Run(scratch.Path, scratch.Cache, "fmt");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Formatted, File.ReadAllText(nested));
        Assert.Equal(Formatted, File.ReadAllText(top));
        Assert.Equal(Messy, File.ReadAllText(output));
        Assert.Equal([Path.Combine("a", "b", "deep.gov"), "top.gov"], Lines(result.Stdout));
    }

    [Fact]
    public void Write_rewrites_named_files()
    {
        using var scratch = new Scratch();
        var file = scratch.File("p.gov", Messy);
        var result = Policyc.Run(scratch.Path, scratch.Cache, "fmt", "--write", "p.gov");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Formatted, File.ReadAllText(file));
        Assert.Equal(["p.gov"], Lines(result.Stdout));
    }

    [Fact]
    public void Check_changes_nothing_lists_the_files_to_format_and_exits_1()
    {
        using var scratch = new Scratch();
        var messy = scratch.File("messy.gov", Messy);
        scratch.File("clean.gov", Formatted);
        var result = Policyc.Run(scratch.Path, scratch.Cache, "fmt", "--check", ".");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(["messy.gov"], Lines(result.Stdout));
        Assert.Equal(Messy, File.ReadAllText(messy));

        File.WriteAllText(messy, Formatted);
        var again = Policyc.Run(scratch.Path, scratch.Cache, "fmt", "--check", ".");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Empty(again.Stdout);
    }

    [Fact]
    public void Stdout_prints_the_formatted_text_and_leaves_the_file_alone()
    {
        using var scratch = new Scratch();
        var file = scratch.File("p.gov", Messy);
        var result = Policyc.Run(scratch.Path, scratch.Cache, "fmt", "--stdout", "p.gov");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Formatted, result.Stdout);
        Assert.Equal(Messy, File.ReadAllText(file));
    }

    [Fact]
    public void A_dash_formats_standard_input_to_standard_output()
    {
        using var scratch = new Scratch();
        var result = Policyc.RunWithInput(Messy, scratch.Path, "fmt", "-");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Formatted, result.Stdout);

        var check = Policyc.RunWithInput(Messy, scratch.Path, "fmt", "--check", "-");
        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Equal(["<stdin>"], Lines(check.Stdout));
    }

    [Fact]
    public void Crlf_files_keep_crlf_and_a_byte_order_mark_is_kept()
    {
        using var scratch = new Scratch();
        var file = scratch.File("p.gov", "");
        File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(Messy.ReplaceLineEndings("\r\n"))]);
        var result = Policyc.Run(scratch.Path, scratch.Cache, "fmt", "p.gov");
        Assert.True(result.ExitCode == 0, result.ToString());
        var bytes = File.ReadAllBytes(file);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(Formatted.ReplaceLineEndings("\r\n"), System.Text.Encoding.UTF8.GetString(bytes[3..]));
        Assert.True(Policyc.Run(scratch.Path, scratch.Cache, "fmt", "--check", "p.gov").ExitCode == 0);
    }

    [Fact]
    public void A_file_with_syntax_errors_is_left_untouched_and_its_errors_printed_as_check_prints_them()
    {
        using var scratch = new Scratch();
        var broken = scratch.File("broken.gov", "store s postgres {   tsl required }\n");
        var messy = scratch.File("messy.gov", Messy);
        var result = Policyc.Run(scratch.Path, scratch.Cache, "fmt", ".");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("store s postgres {   tsl required }\n", File.ReadAllText(broken));
        Assert.Equal(Formatted, File.ReadAllText(messy));
        Assert.Contains("broken.gov(1,22): error GOV0001: unexpected `tsl`", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["messy.gov"], Lines(result.Stdout));

        var stdin = Policyc.RunWithInput("role a \"A", scratch.Path, "fmt", "-");
        Assert.True(stdin.ExitCode == 1, stdin.ToString());
        Assert.Empty(stdin.Stdout);
        Assert.Contains("<stdin>(1,8): error GOV0003", stdin.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.gov")]
    [InlineData("--check", "--write", ".")]
    [InlineData("--write", "--stdout", ".")]
    [InlineData("--check", "--stdout", ".")]
    [InlineData("--write", "-")]
    [InlineData("--chek", ".")]
    public void Usage_and_input_problems_exit_2_without_changing_anything(params string[] args)
    {
        using var scratch = new Scratch();
        var file = scratch.File("p.gov", Messy);
        var result = Policyc.Run(scratch.Path, scratch.Cache, ["fmt", .. args]);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("policyc: ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(Messy, File.ReadAllText(file));
    }

    [Fact]
    public void A_typo_in_the_last_path_changes_nothing()
    {
        using var scratch = new Scratch();
        var file = scratch.File("p.gov", Messy);
        var result = Policyc.Run(scratch.Path, scratch.Cache, "fmt", "p.gov", "missing.gov");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(Messy, File.ReadAllText(file));
    }

    [Fact]
    public void The_examples_are_formatted()
    {
        var result = Policyc.Run(Policyc.Root, null!, "fmt", "--check", "examples");
        Assert.True(result.ExitCode == 0, $"run `policyc fmt examples`:\n{result}");
    }

    [Fact]
    public void Help_says_what_the_default_does_and_the_exit_codes()
    {
        var result = Policyc.Run(Policyc.Root, null!, "fmt", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("rewritten in place", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--check", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Exit codes:", result.Stdout, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
