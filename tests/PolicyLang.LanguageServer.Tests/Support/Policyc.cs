using System.Diagnostics;

namespace PolicyLang.LanguageServer.Tests.Support;

/// <summary>Runs the built <c>policyc</c>, as a user would, to compare the server with the command line.</summary>
internal static class Policyc
{
    /// <summary>The canonical lines <c>policyc check .</c> prints in <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> Check(string folder, DateOnly today)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { RepositoryPaths.PolicycDll, "check", ".", "--today", today.ToString("yyyy-MM-dd") })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("policyc check did not finish in 2 minutes");
        }

        return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
    }
}
