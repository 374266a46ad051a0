using PolicyLang.Build.Tests.Infrastructure;

namespace PolicyLang.Build.Tests;

/// <summary>
/// Projects/GeneratorConsumer: the packed PolicyLang.Generator in a real `dotnet build` (the compiler loads it and its
/// Core/Pidgin dependencies from analyzers/dotnet/cs), and the generated executor runs the checks.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed class GeneratorPackageBuildTests(LocalPackages packages)
{
    [Fact]
    public void Generated_executors_build_from_the_package_and_check_a_dataset()
    {
        var directory = packages.CopySample("GeneratorConsumer");
        foreach (var gov in Directory.EnumerateFiles(RepositoryPaths.TestProject("PolicyLang.Build.Tests", "Projects", "Valid"), "*.gov"))
        {
            File.Copy(gov, Path.Combine(directory, Path.GetFileName(gov)));
        }

        var build = DotnetBuild.Run(packages, directory);
        Assert.True(build.ExitCode == 0, build.Output);

        // The policy's warning arrives as a compiler warning at the .gov location.
        var warning = Assert.Single(DotnetBuild.Diagnostics(build));
        Assert.Equal((Path.Combine(directory, "policy.gov"), 17, 16, "GOV0402"), (warning.File, warning.Line, warning.Column, warning.Code));

        ValidPolicyBuildTests.Seed(Path.Combine(directory, "lab.duckdb"));
        var program = Path.Combine(directory, "bin", "Debug", "net10.0", "linux-x64", "GeneratorConsumer.dll");
        var run = ProcessRunner.Run("dotnet", [program, directory], directory);
        Assert.True(run.ExitCode == 1, run.Output);
        Assert.Contains("targets.kind_in: Failed", run.Output, StringComparison.Ordinal);
        Assert.Contains("targets.name_unique: Passed", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("observations.", run.Output, StringComparison.Ordinal);
    }
}
