using System.Text.Json;
using DuckDB.NET.Data;
using PolicyLang.Build.Tests.Infrastructure;

namespace PolicyLang.Build.Tests;

/// <summary>Projects/Valid: a DuckDB policy in two files, built with the packed PolicyLang.Build and run with the packed policyc.</summary>
[Collection(BuildCollection.Name)]
public sealed class ValidPolicyBuildTests(LocalPackages packages)
{
    private static readonly Lock Gate = new();
    private static (string Directory, ProcessResult Result)? first;

    [Fact]
    public void Valid_policy_builds_the_assembly_and_documents_into_bin_and_the_assembly_runs_the_checks()
    {
        var (directory, build) = FirstBuild();
        Assert.True(build.ExitCode == 0, build.Output);
        var bin = Path.Combine(directory, "bin", "Debug", "net10.0");
        foreach (var file in new[] { "Valid.Enforcement.dll", "Valid.Enforcement.pdb", "compliance.md", "compliance.json" })
        {
            Assert.True(File.Exists(Path.Combine(bin, file)), $"{file} missing from bin/:\n{build.Output}");
        }

        Assert.True(File.Exists(Path.Combine(directory, "obj", "Debug", "net10.0", "policylang", "Valid.Enforcement.g.cs")));
        Assert.Contains("Build Test Observatory", File.ReadAllText(Path.Combine(bin, "compliance.md")), StringComparison.Ordinal);

        // The partially covered safeguard is a warning: reported once, canonical, and the build still succeeds.
        var warning = Assert.Single(DotnetBuild.Diagnostics(build));
        Assert.Equal((Path.Combine(directory, "policy.gov"), 17, 16, "warning", "GOV0402"), (warning.File, warning.Line, warning.Column, warning.Severity, warning.Code));

        // The quickstart's check, on the built assembly: one row breaks `kind in [...]`, so the run exits 1.
        Seed(Path.Combine(directory, "lab.duckdb"));
        var report = Path.Combine(directory, "report.json");
        var run = ProcessRunner.Run("dotnet", [packages.PolicycDll, "run", Path.Combine(bin, "Valid.Enforcement.dll"), "--json", report], directory);
        Assert.True(run.ExitCode == 1, run.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var rules = json.RootElement.GetProperty("rules").EnumerateArray()
            .ToDictionary(r => $"{r.GetProperty("dataset").GetString()}.{r.GetProperty("rule").GetString()}", r => r.GetProperty("status").GetString());
        Assert.Equal("failed", rules["targets.kind_in"]);
        Assert.Equal("passed", rules["targets.name_unique"]);
        Assert.Equal("passed", rules["observations.flux_gt"]);
    }

    [Fact]
    public void Unchanged_build_skips_the_policy_target_and_touching_one_gov_file_rebuilds()
    {
        var (directory, build) = FirstBuild();
        Assert.True(build.ExitCode == 0, build.Output);

        var unchanged = DotnetBuild.Run(packages, directory);
        Assert.True(unchanged.ExitCode == 0, unchanged.Output);
        Assert.True(DotnetBuild.Skipped(unchanged, "PolicyLangCompile"), unchanged.Output);

        // All .gov files are one policy: touching the file without the header still rebuilds the whole policy.
        var dll = Path.Combine(directory, "obj", "Debug", "net10.0", "policylang", "Valid.Enforcement.dll");
        var before = File.GetLastWriteTimeUtc(dll);
        File.SetLastWriteTimeUtc(Path.Combine(directory, "datasets.gov"), DateTime.UtcNow);
        var touched = DotnetBuild.Run(packages, directory);
        Assert.True(touched.ExitCode == 0, touched.Output);
        Assert.False(DotnetBuild.Skipped(touched, "PolicyLangCompile"), touched.Output);
        Assert.True(File.GetLastWriteTimeUtc(dll) > before, "the enforcement assembly was not rewritten");
        Assert.Contains("PolicyLang: Valid -> ", touched.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TreatWarningsAsErrors_and_NoWarn_apply_to_GOV_codes()
    {
        var directory = packages.CopySample("Valid", "Valid-warnings");

        var strict = DotnetBuild.Run(packages, directory, "TreatWarningsAsErrors=true");
        Assert.NotEqual(0, strict.ExitCode);
        var error = Assert.Single(DotnetBuild.Diagnostics(strict));
        Assert.Equal((Path.Combine(directory, "policy.gov"), 17, 16, "error", "GOV0402"), (error.File, error.Line, error.Column, error.Severity, error.Code));
        Assert.False(File.Exists(Path.Combine(directory, "bin", "Debug", "net10.0", "Valid.Enforcement.dll")));

        var suppressed = DotnetBuild.Run(packages, directory, "TreatWarningsAsErrors=true", "NoWarn=GOV0402");
        Assert.True(suppressed.ExitCode == 0, suppressed.Output);
        Assert.Empty(DotnetBuild.Diagnostics(suppressed));
        Assert.True(File.Exists(Path.Combine(directory, "bin", "Debug", "net10.0", "Valid.Enforcement.dll")), suppressed.Output);
    }

    private (string Directory, ProcessResult Result) FirstBuild()
    {
        lock (Gate)
        {
            if (first is null)
            {
                var directory = packages.CopySample("Valid");
                first = (directory, DotnetBuild.Run(packages, directory));
            }

            return first.Value;
        }
    }

    internal static void Seed(string path)
    {
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE OR REPLACE TABLE main.targets (name TEXT NOT NULL, kind TEXT);
            INSERT INTO main.targets VALUES ('Vega', 'star'), ('M31', 'galaxy'), ('Halley', 'comet');
            CREATE OR REPLACE TABLE main.observations (obs_id BIGINT NOT NULL, flux DOUBLE, observed_at TIMESTAMPTZ);
            INSERT INTO main.observations VALUES (1, 12.5, now()), (2, 3.25, now());
            """;
        command.ExecuteNonQuery();
    }
}
