using System.Diagnostics;
using PolicyLang.Testing;

namespace PolicyLang.Cli.Tests;

/// <summary>Runs the built policyc (and the quickstart seeder) as separate processes, as users and schedulers do.</summary>
internal static class Policyc
{
    public static string Root => RepositoryPaths.Root;

    private static string PolicycDll => RepositoryPaths.PolicycDll;

    private static string SeedDll => Path.Combine(Root, "examples", "quickstart", "seed", "bin", RepositoryPaths.Configuration, "net10.0", "QuickstartSeed.dll");

    public static Result Run(string workingDirectory, string cache, params string[] args) =>
        Start(PolicycDll, workingDirectory, cache, args);

    /// <summary>As <see cref="Run"/>, with extra environment variables (a store's connection, say); a null value removes a variable.</summary>
    public static Result RunWith(IReadOnlyDictionary<string, string?> environment, string workingDirectory, string cache, params string[] args) =>
        Start(PolicycDll, workingDirectory, cache, args, environment);

    /// <summary>As <see cref="Run"/>, with <paramref name="input"/> written to standard input.</summary>
    public static Result RunWithInput(string input, string workingDirectory, params string[] args) =>
        Start(PolicycDll, workingDirectory, null, args, input: input);

    /// <summary>Starts policyc without waiting (stdout and stderr redirected), for tests that signal the running process.</summary>
    public static Process Spawn(string workingDirectory, string cache, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(PolicycDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["POLICYLANG_CACHE"] = cache;
        return Process.Start(info)!;
    }

    public static Result Seed(string databasePath) =>
        Start(SeedDll, Path.GetDirectoryName(databasePath)!, null, [databasePath]);

    private static Result Start(string dll, string workingDirectory, string? cache, string[] args, IReadOnlyDictionary<string, string?>? environment = null, string? input = null)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (cache is not null)
        {
            info.Environment["POLICYLANG_CACHE"] = cache;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        using var process = Process.Start(info)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(dll)} {string.Join(' ', args)} did not finish in 3 minutes");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}

internal sealed record Result(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>A scratch folder (with its own build cache) removed after the test.</summary>
internal sealed class Scratch : IDisposable
{
    public Scratch()
    {
        Path = Directory.CreateTempSubdirectory("policyc-test-").FullName;
        Cache = System.IO.Path.Combine(Path, ".cache");
    }

    public string Path { get; }

    public string Cache { get; }

    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still held open by a killed process must not fail the test.
        }
    }
}
