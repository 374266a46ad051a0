using PolicyLang.Build.Tests.Infrastructure;

namespace PolicyLang.Build.Tests;

/// <summary>Projects/Invalid and Projects/Uncovered: the build fails with exactly one canonical line per mistake, and writes nothing.</summary>
[Collection(BuildCollection.Name)]
public sealed class InvalidPolicyBuildTests(LocalPackages packages)
{
    [Fact]
    public void Each_mistake_is_one_canonical_error_line_at_its_file_line_and_column()
    {
        var directory = packages.CopySample("Invalid");
        var build = DotnetBuild.Run(packages, directory);

        Assert.NotEqual(0, build.ExitCode);
        Assert.Equal(
            [
                new CanonicalLine(Path.Combine(directory, "main.gov"), 11, 20, "error", "GOV0119", "store `lokal` is not declared; did you mean `local`?"),
                new CanonicalLine(Path.Combine(directory, "more.gov"), 2, 55, "error", "GOV0201", "`secret` is not a classification level; declared: `public`, `internal`"),
            ],
            DotnetBuild.Diagnostics(build));
        Assert.False(Directory.Exists(Path.Combine(directory, "bin", "Debug", "net10.0")) && Directory.EnumerateFiles(Path.Combine(directory, "bin", "Debug", "net10.0"), "compliance.*").Any());
    }

    [Fact]
    public void An_uncovered_required_safeguard_fails_the_build()
    {
        var directory = packages.CopySample("Uncovered");
        var build = DotnetBuild.Run(packages, directory);

        Assert.NotEqual(0, build.ExitCode);
        var error = Assert.Single(DotnetBuild.Diagnostics(build));
        Assert.Equal((Path.Combine(directory, "main.gov"), 19, 16, "error", "GOV0401"), (error.File, error.Line, error.Column, error.Severity, error.Code));
        Assert.Contains("`12.1`", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory, "obj", "Debug", "net10.0", "policylang", "Uncovered.Enforcement.dll")));
    }
}
