using PolicyLang.Build.Tests.Infrastructure;

namespace PolicyLang.Build.Tests;

/// <summary>
/// Projects/Nested, as `My Lab.Ünï.csproj` under `Área 51/`: the Valid sample's .gov files in sub-folders, taken
/// through what users do to them, one build each: break two files, build again, fix, rename one, delete them all.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed class PolicyFilesLifecycleBuildTests(LocalPackages packages)
{
    [Fact]
    public void Sub_folder_policies_fail_rebuild_fix_rename_and_delete_in_a_path_with_spaces_and_non_ascii()
    {
        var directory = packages.CopySample("Nested", Path.Combine("Área 51", "My Lab.Ünï"));
        File.Move(Path.Combine(directory, "Nested.csproj"), Path.Combine(directory, "My Lab.Ünï.csproj"));
        var policy = Path.Combine(directory, "policies", "policy.gov");
        var datasets = Path.Combine(directory, "policies", "data", "datasets.gov");
        Directory.CreateDirectory(Path.GetDirectoryName(datasets)!);

        // An error in each file: every diagnostic once, canonical, at its absolute path, line and column.
        File.WriteAllText(policy, ValidSample("policy.gov").Replace("require 3.1, 3.3", "require 3.1, 3.3, 3.99", StringComparison.Ordinal));
        var valid = ValidSample("datasets.gov");
        var second = valid.LastIndexOf("classification internal", StringComparison.Ordinal);
        File.WriteAllText(datasets, valid[..second] + "classification secret" + valid[(second + "classification internal".Length)..]);
        CanonicalLine[] expected =
        [
            new(datasets, 18, 64, "error", "GOV0201", "`secret` is not a classification level; declared: `public`, `internal`, `confidential`"),
            new(policy, 17, 16, "warning", "GOV0402", "required CIS v8 safeguard `3.3` (Configure Data Access Control Lists) is only partially covered: `observations` lacks a `grant`; not enforced: `targets` (duckdb store `local`: duckdb has no users or grants: declared grants are not applied or drift-checked)"),
            new(policy, 17, 21, "error", "GOV0400", "unknown CIS v8 safeguard `3.99`; did you mean `3.9`?"),
        ];
        var broken = DotnetBuild.Run(packages, directory);
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Equal(expected, DotnetBuild.Diagnostics(broken));

        // A failed build is never up to date: unchanged, it runs and fails again.
        var again = DotnetBuild.Run(packages, directory);
        Assert.NotEqual(0, again.ExitCode);
        Assert.False(DotnetBuild.Skipped(again, "PolicyLangCompile"), again.Output);
        Assert.Equal(expected, DotnetBuild.Diagnostics(again));
        var bin = Path.Combine(directory, "bin", "Debug", "net10.0");
        Assert.False(File.Exists(Path.Combine(bin, "compliance.md")));

        // Fixed: the policy names itself (`name "Valid"`), whatever the project is called (`My Lab.Ünï` named it `My-Lab--n-` before).
        File.WriteAllText(policy, ValidSample("policy.gov"));
        File.WriteAllText(datasets, valid);
        var fixedBuild = DotnetBuild.Run(packages, directory);
        Assert.True(fixedBuild.ExitCode == 0, fixedBuild.Output);
        Assert.Contains($"PolicyLang: Valid -> {Path.Combine(directory, "obj", "Debug", "net10.0", "policylang", "Valid.Enforcement.dll")}", fixedBuild.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(bin, "Valid.Enforcement.dll")), fixedBuild.Output);
        Assert.True(File.Exists(Path.Combine(bin, "compliance.md")), fixedBuild.Output);

        // A rename keeps every timestamp; the file list still changed, so the policy is rebuilt.
        File.Move(datasets, Path.Combine(Path.GetDirectoryName(datasets)!, "catalogue.gov"));
        var renamed = DotnetBuild.Run(packages, directory);
        Assert.True(renamed.ExitCode == 0, renamed.Output);
        Assert.False(DotnetBuild.Skipped(renamed, "PolicyLangCompile"), renamed.Output);

        // No policy left: one warning, and the outputs of earlier builds are cleaned away.
        Directory.Delete(Path.Combine(directory, "policies"), recursive: true);
        var empty = DotnetBuild.Run(packages, directory);
        Assert.True(empty.ExitCode == 0, empty.Output);
        Assert.Single(empty.Lines.TakeWhile(l => l.Trim() != "Build succeeded."), l => l.Contains("warning PLB0003", StringComparison.Ordinal));
        Assert.DoesNotContain(Directory.EnumerateFiles(bin), f => f.EndsWith(".Enforcement.dll", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith("compliance.", StringComparison.Ordinal));
    }

    internal static string ValidSample(string file) => File.ReadAllText(RepositoryPaths.TestProject("PolicyLang.Build.Tests", "Projects", "Valid", file));
}
