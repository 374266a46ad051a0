using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace PolicyLang.Cli.Tests;

public sealed partial class CheckTests
{
    private static readonly string Lab = File.ReadAllText(Path.Combine(Policyc.Root, "examples", "astronomy-lab", "lab.gov"));

    [Fact]
    public void The_astronomy_lab_checks_clean_with_its_partial_coverage_warnings()
    {
        var result = Policyc.Run(Policyc.Root, null!, "check", "examples/astronomy-lab", "--today", "2026-11-26");
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.Matches(Canonical(), l));
        Assert.Equal(3, lines.Count(l => l.Contains("warning GOV0402", StringComparison.Ordinal)));
        // And the four conflicts the lab accepts, each explained beside its line (docs/conflicts.md).
        Assert.Equal(["GOV0333", "GOV0336", "GOV0337", "GOV0338"], lines.Select(l => Regex.Match(l, "GOV033[0-9]").Value).Where(c => c.Length > 0).Order().ToArray());
        Assert.Contains("0 errors, 7 warnings", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Five_unrelated_mistakes_give_five_located_diagnostics_in_one_run()
    {
        using var scratch = new Scratch();
        var broken = Lab
            .Replace("owner      \"VintageDon\"", "ownr       \"VintageDon\"", StringComparison.Ordinal)      // syntax: unknown policy setting
            .Replace("classification internal\n  key            source_id", "classification internl\n  key            source_id", StringComparison.Ordinal) // unknown level
            .Replace("grant write to ingest", "grant write to ingst", StringComparison.Ordinal)               // unknown role
            .Replace("expect dec between -90 and 90", "expect dec between 90 and -90", StringComparison.Ordinal) // empty range
            .Replace("on 2025-07-27 approved\napproval \"FarmerBoy\"", "on 2025-02-30 approved\napproval \"FarmerBoy\"", StringComparison.Ordinal); // no such date
        scratch.File("lab.gov", broken);
        var result = Policyc.Run(scratch.Path, scratch.Cache, "check", ".", "--today", "2026-11-26");
        Assert.Equal(1, result.ExitCode);
        var errors = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains(": error ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            [
                "lab.gov(7,3): error GOV0001",
                "lab.gov(37,18): error GOV0201",
                "lab.gov(49,22): error GOV0210",
                "lab.gov(58,18): error GOV0311",
                "lab.gov(119,69): error GOV0111",
            ],
            errors.Select(e => e[..e.IndexOf(':', e.IndexOf(')', StringComparison.Ordinal) + 2)]).ToArray());
        Assert.Contains("did you mean `owner`?", errors[0], StringComparison.Ordinal);
        Assert.Contains("did you mean `internal`?", errors[1], StringComparison.Ordinal);
        Assert.Contains("did you mean `ingest`?", errors[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_output_is_a_sarif_2_1_0_log_with_every_result()
    {
        using var scratch = new Scratch();
        scratch.File("p.gov", "policy \"p\" { version \"1\" owner \"o\" review every 1 year }\nclassification public\ndataset d in nowhere table \"t\" { owner \"o\" classification public }\n");
        var result = Policyc.Run(scratch.Path, scratch.Cache, "check", "p.gov", "--format", "sarif");
        Assert.Equal(1, result.ExitCode);
        using var log = JsonDocument.Parse(result.Stdout);
        Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
        var run = log.RootElement.GetProperty("runs")[0];
        Assert.Equal("policyc", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        var only = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal("GOV0119", only.GetProperty("ruleId").GetString());
        var region = only.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(3, region.GetProperty("startLine").GetInt32());
        Assert.Equal(14, region.GetProperty("startColumn").GetInt32());
    }

    [Theory]
    [InlineData("retain 365 days by observed_at then archive to offsite as parquet then delete", "", 0, "warning GOV0402", "`photometry`")]
    [InlineData("require 3.1, 3.2,", "require 3.99, 3.1, 3.2,", 1, "lab.gov(115,11): error GOV0400", "`3.99`")]
    public void Coverage_follows_the_policy(string remove, string replacement, int exitCode, string expected, string names)
    {
        using var scratch = new Scratch();
        scratch.File("lab.gov", Lab.Replace(remove, replacement, StringComparison.Ordinal));
        var result = Policyc.Run(scratch.Path, scratch.Cache, "check", ".", "--today", "2026-11-26");
        Assert.Equal(exitCode, result.ExitCode);
        var line = Assert.Single(result.Stdout.Split('\n'), l => l.Contains(expected, StringComparison.Ordinal) && l.Contains(names, StringComparison.Ordinal));
        Assert.Matches(Canonical(), line);
    }

    [Fact]
    public void Removing_every_retain_is_an_uncovered_required_safeguard_at_the_require_line()
    {
        using var scratch = new Scratch();
        var withoutRetain = string.Join('\n', Lab.Split('\n').Where(l => !l.TrimStart().StartsWith("retain ", StringComparison.Ordinal)));
        scratch.File("lab.gov", withoutRetain);
        var result = Policyc.Run(scratch.Path, scratch.Cache, "check", ".", "--today", "2026-11-26");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.Stdout.Split('\n'), l => Regex.IsMatch(l, @"^lab\.gov\(\d+,\d+\): error GOV0401: .*`3\.4`"));
    }

    [Theory]
    [InlineData(new[] { "check", "no-such-folder" }, "does not exist")]
    [InlineData(new[] { "check", ".", "--format", "xml" }, "xml")]
    [InlineData(new[] { "explain", "GOV9999" }, "unknown diagnostic code")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    public void Usage_and_io_problems_exit_with_2(string[] args, string message)
    {
        using var scratch = new Scratch();
        var result = Policyc.Run(scratch.Path, scratch.Cache, args);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_prints_the_catalogue_entry_with_its_example()
    {
        var result = Policyc.Run(Policyc.Root, null!, "explain", "gov0311");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("## GOV0311", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("```gov", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_prints_the_exact_statements_without_connecting()
    {
        using var scratch = new Scratch();
        File.Copy(Path.Combine(Policyc.Root, "examples", "quickstart", "quickstart.gov"), Path.Combine(scratch.Path, "quickstart.gov"));
        var result = Policyc.Run(scratch.Path, scratch.Cache, "plan", ".");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("== store local (duckdb)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("-- dataset observations: 10 rules -> 4 queries", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("FROM \"main\".\"observations\";", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("-- parameters: $p0 = 'star', $p1 = 'galaxy', $p2 = 'nebula'", result.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(scratch.Path, "quickstart.duckdb")), "plan must not create or open the database");
    }

    [GeneratedRegex(@"^[^()]+\(\d+,\d+\): (error|warning|info) GOV\d{4}: .+$")]
    private static partial Regex Canonical();
}
