using System.IO.Compression;

namespace PolicyLang.Build.Tests.Infrastructure;

/// <summary>
/// The locally packed PolicyLang packages (scripts/pack.sh → .build/packages), packed at most once per test run:
/// reused while nothing under src/ or msbuild/ is newer than the last pack. Each run gets its own folder under
/// .build/build-tests/ with a NuGet.config whose only source is the local folder and its own NuGet cache, so a
/// stale package can never be restored.
/// </summary>
public sealed class LocalPackages
{
    public LocalPackages()
    {
        PackageDirectory = Path.Combine(RepositoryPaths.Root, ".build", "packages");
        var versionFile = Path.Combine(PackageDirectory, "version.txt");
        if (!File.Exists(versionFile) || NewestSource() > File.GetLastWriteTimeUtc(versionFile))
        {
            var pack = ProcessRunner.Run("bash", ["scripts/pack.sh"], RepositoryPaths.Root, timeout: TimeSpan.FromMinutes(20));
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException("scripts/pack.sh failed:\n" + pack.Output);
            }
        }

        Version = File.ReadAllText(versionFile).Trim();
        var runs = Path.Combine(RepositoryPaths.Root, ".build", "build-tests");
        DeletePreviousRuns(runs);
        RunDirectory = Path.Combine(runs, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        NuGetCache = Path.Combine(RunDirectory, ".nuget");
        Directory.CreateDirectory(RunDirectory);
        WriteRunFiles();
        PolicycDll = ExtractTool();
    }

    public string PackageDirectory { get; }

    public string Version { get; }

    /// <summary>Holds one copy of each sample project per test, plus the files that isolate them from the repository's.</summary>
    public string RunDirectory { get; }

    public string NuGetCache { get; }

    /// <summary>policyc.dll from the packed PolicyLang.Cli tool package.</summary>
    public string PolicycDll { get; }

    /// <summary>A fresh copy of sample project <paramref name="sample"/> under this run's folder.</summary>
    public string CopySample(string sample, string? name = null)
    {
        var target = Path.Combine(RunDirectory, name ?? sample);
        var source = RepositoryPaths.TestProject("PolicyLang.Build.Tests", "Projects", sample);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        return target;
    }

    // Without these the samples would inherit the repository's Directory.Build.props (TreatWarningsAsErrors) and NuGet sources.
    private void WriteRunFiles()
    {
        File.WriteAllText(Path.Combine(RunDirectory, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <PolicyLangVersion>{Version}</PolicyLangVersion>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(RunDirectory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(RunDirectory, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="policylang-local" value="{PackageDirectory}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{MachinePackages()}" />
              </fallbackPackageFolders>
              <config>
                <add key="globalPackagesFolder" value="{NuGetCache}" />
              </config>
            </configuration>
            """);
    }

    // Third-party packages (DuckDB, Parquet.Net) come read-only from the machine's cache, which the repository's own
    // restore filled; PolicyLang packages cannot, since their version is new for every pack.
    private static string MachinePackages() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private string ExtractTool()
    {
        var package = Path.Combine(PackageDirectory, $"PolicyLang.Cli.{Version}.nupkg");
        var target = Path.Combine(RunDirectory, ".policyc");
        ZipFile.ExtractToDirectory(package, target, overwriteFiles: true);
        return Directory.EnumerateFiles(target, "policyc.dll", SearchOption.AllDirectories).Single();
    }

    // Each run holds an extracted policyc (with DuckDB's native library) and a package cache: runs older than an hour
    // are deleted, recent ones kept for inspection (and a run still in progress in another process is left alone).
    private static void DeletePreviousRuns(string runs)
    {
        if (!Directory.Exists(runs))
        {
            return;
        }

        foreach (var run in new DirectoryInfo(runs).EnumerateDirectories().Where(d => d.CreationTimeUtc < DateTime.UtcNow.AddHours(-1)))
        {
            try
            {
                run.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover folder costs disk, not correctness.
            }
        }
    }

    private static DateTime NewestSource() =>
        new[] { "src", "msbuild" }
            .Select(d => Path.Combine(RepositoryPaths.Root, d))
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Select(File.GetLastWriteTimeUtc)
            .DefaultIfEmpty(DateTime.MinValue)
            .Max();
}
