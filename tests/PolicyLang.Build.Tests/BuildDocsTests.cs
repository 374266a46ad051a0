using System.Text.Json;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using PolicyLang.Build.Tests.Infrastructure;

namespace PolicyLang.Build.Tests;

/// <summary>
/// docs/build-integration.md followed literally (issue 16, item 9): its governance-project and service snippets restore
/// and build against the packed packages. The same policy, whose project, folder and file are all named otherwise, has
/// one identity in the MSBuild task, the generator and policyc (item 1), and the generated executors resolve relative
/// store paths against the base folder they are given.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed partial class BuildDocsTests(LocalPackages packages)
{
    private const string Identity = "build-test-observatory";

    [Fact]
    public void The_documented_snippets_build_and_every_host_uses_the_policys_identity()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "build-integration.md"));
        var governance = Project("DocsGovernance", Snippet(docs, "<!-- A governance project"));
        var service = Project("DocsService", Snippet(docs, "<!-- A C# service enforcing"));
        WritePolicy(governance);
        WritePolicy(Path.Combine(service, "policies"));
        File.WriteAllText(Path.Combine(service, "Program.cs"), """
            // Runs the whole policy with relative store paths resolved against args[0], from wherever it is started.
            using System;
            using PolicyLang.Runtime.Running;

            var report = await DocsService.BuildTestObservatoryPolicy.RunAsync(new RunOptions { BaseDirectory = args[0] });
            Console.WriteLine($"policy {report.Policy}");
            foreach (var retention in report.Retention)
            {
                Console.WriteLine($"retention {retention.Dataset} archived {retention.Archived}");
            }

            return report.ExitCode;
            """);

        // The MSBuild task: the assembly is named by the policy, not by the project `DocsGovernance`.
        var built = DotnetBuild.Run(packages, governance);
        Assert.True(built.ExitCode == 0, built.Output);
        Assert.True(File.Exists(Path.Combine(governance, "bin", "Debug", "net10.0", $"{Identity}.Enforcement.dll")), built.Output);
        Assert.Contains($"PolicyLang: {Identity} -> ", built.Output, StringComparison.Ordinal);

        // The generator: class BuildTestObservatoryPolicy; its store paths re-rooted at the project (policies/lab.duckdb),
        // resolved against the base folder passed in, while the program runs from another directory.
        var compiled = DotnetBuild.Run(packages, service);
        Assert.True(compiled.ExitCode == 0, compiled.Output);
        var data = Path.Combine(service, "policies");
        Seed(Path.Combine(data, "lab.duckdb"));
        var program = Directory.EnumerateFiles(Path.Combine(service, "bin"), "DocsService.dll", SearchOption.AllDirectories).First();
        var run = ProcessRunner.Run("dotnet", [program, service], packages.RunDirectory);
        Assert.True(run.ExitCode == 1, run.Output); // targets.kind_in fails, as in the Valid sample
        Assert.Contains($"policy {Identity}", run.Output, StringComparison.Ordinal);
        Assert.Contains("retention observations archived 1", run.Output, StringComparison.Ordinal);
        Assert.Equal([Identity], Directory.EnumerateDirectories(Path.Combine(data, "archive")).Select(Path.GetFileName));

        // policyc on the same folder (the file is policy.gov, the folder `policies`): the same identity, the same archive folder.
        var report = Path.Combine(service, "policyc.json");
        var policyc = ProcessRunner.Run("dotnet", [packages.PolicycDll, "run", data, "--json", report], service,
            new Dictionary<string, string> { ["POLICYLANG_CACHE"] = Path.Combine(packages.RunDirectory, ".policyc-cache") });
        Assert.True(policyc.ExitCode == 1, policyc.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal(Identity, json.RootElement.GetProperty("policy").GetString());
        Assert.Equal([Identity], Directory.EnumerateDirectories(Path.Combine(data, "archive")).Select(Path.GetFileName));
        Assert.Contains($"/{Identity}.Enforcement.dll", ProcessRunner.Run("dotnet", [packages.PolicycDll, "test", data], service,
            new Dictionary<string, string> { ["POLICYLANG_CACHE"] = Path.Combine(packages.RunDirectory, ".policyc-cache") }).Output, StringComparison.Ordinal);
    }

    /// <summary>The fenced xml block of <paramref name="docs"/> starting with <paramref name="firstLine"/>, exactly as written.</summary>
    private static string Snippet(string docs, string firstLine)
    {
        var block = XmlBlock().Matches(docs).Select(m => m.Groups["body"].Value).SingleOrDefault(b => b.StartsWith(firstLine, StringComparison.Ordinal));
        Assert.True(block is not null, $"docs/build-integration.md has no ```xml block starting with {firstLine}");
        return block;
    }

    private string Project(string name, string csproj)
    {
        var directory = Path.Combine(packages.RunDirectory, name);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), csproj);
        return directory;
    }

    // The Valid sample without its `name`: the identity is the slug of its title, "Build Test Observatory".
    private static void WritePolicy(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "policy.gov"),
            PolicyFilesLifecycleBuildTests.ValidSample("policy.gov").Replace("name \"Valid\"", string.Empty, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(directory, "datasets.gov"), PolicyFilesLifecycleBuildTests.ValidSample("datasets.gov"));
    }

    // The Valid sample's rows plus one observation two years old, which retention archives.
    private static void Seed(string path)
    {
        ValidPolicyBuildTests.Seed(path);
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO main.observations VALUES (3, 7.5, now() - INTERVAL 730 DAY)";
        command.ExecuteNonQuery();
    }

    [GeneratedRegex(@"```xml\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex XmlBlock();
}
