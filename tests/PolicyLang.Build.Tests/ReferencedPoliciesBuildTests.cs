using PolicyLang.Build.Tests.Infrastructure;

namespace PolicyLang.Build.Tests;

/// <summary>
/// Projects/TwoPolicies: App references the governance projects Alpha and Beta (built in parallel). Each project's
/// policy files go to its own bin/ and publish folder, never into App's, where both compliance.md would collide.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed class ReferencedPoliciesBuildTests(LocalPackages packages)
{
    [Fact]
    public void An_app_referencing_two_governance_projects_publishes_and_each_project_publishes_and_cleans_its_own_files()
    {
        var directory = packages.CopySample("TwoPolicies");
        foreach (var project in new[] { "Alpha", "Beta" })
        {
            foreach (var file in new[] { "policy.gov", "datasets.gov" })
            {
                // Each project's policy has its own identity (`name`), which names its files.
                File.WriteAllText(Path.Combine(directory, project, file), PolicyFilesLifecycleBuildTests.ValidSample(file).Replace("name \"Valid\"", $"name \"{project}\"", StringComparison.Ordinal));
            }
        }

        var app = Path.Combine(directory, "app-publish");
        var appPublish = DotnetBuild.Invoke(packages, "publish", Path.Combine(directory, "App", "App.csproj"), "-o", app);
        Assert.True(appPublish.ExitCode == 0, appPublish.Output);
        Assert.Equal(["Alpha", "Beta"], DotnetBuild.Diagnostics(appPublish).Select(d => Path.GetFileName(Path.GetDirectoryName(d.File))).Order());
        Assert.True(File.Exists(Path.Combine(app, "App.dll")));
        Assert.Empty(Directory.EnumerateFiles(app, "compliance.*"));
        Assert.Empty(Directory.EnumerateFiles(app, "*.Enforcement.*"));

        var alpha = Path.Combine(directory, "Alpha");
        var alphaOut = Path.Combine(directory, "alpha-publish");
        var alphaPublish = DotnetBuild.Invoke(packages, "publish", alpha, "-o", alphaOut);
        Assert.True(alphaPublish.ExitCode == 0, alphaPublish.Output);
        var files = new[] { "Alpha.Enforcement.dll", "Alpha.Enforcement.pdb", "compliance.md", "compliance.json" };
        var bin = Path.Combine(alpha, "bin", "Release", "net10.0");
        Assert.All(files, file => Assert.True(File.Exists(Path.Combine(alphaOut, file)) && File.Exists(Path.Combine(bin, file)), $"{file}:\n{alphaPublish.Output}"));

        var clean = DotnetBuild.Invoke(packages, "clean", alpha, "-c", "Release");
        Assert.True(clean.ExitCode == 0, clean.Output);
        Assert.All(files, file => Assert.False(File.Exists(Path.Combine(bin, file)), file));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(alpha, "obj", "Release", "net10.0", "policylang"), "Alpha.Enforcement.*"));
    }
}
