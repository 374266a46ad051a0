using System.Diagnostics;

namespace PolicyLang.LanguageServer.Tests.Support;

/// <summary>Runs a real client (Neovim, Node) against the built <c>policyc lsp</c>.</summary>
internal static class ExternalProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>The server command for clients: <c>dotnet policyc.dll lsp</c>.</summary>
    public static string[] ServerCommand => ["dotnet", RepositoryPaths.PolicycDll, "lsp"];

    public static Result Run(string program, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in 3 minutes:\n{stdout.Result}\n{stderr.Result}");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The full path of <paramref name="program"/> on PATH; the test fails when it is missing (scripts/services/neovim.sh installs it).</summary>
    public static string Require(string program)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException($"`{program}` is not installed: scripts/services/neovim.sh installs it (scripts/test.sh runs it)");
    }
}
