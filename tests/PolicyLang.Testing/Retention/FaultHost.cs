using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace PolicyLang.Testing.Retention;

/// <summary>Starts tests/PolicyLang.Runtime.FaultHost (built beside every test project that references it) as a process of its own.</summary>
internal static class FaultHost
{
    /// <summary>The host's assembly: the test project's output folder with the host's name in place of the test project's.</summary>
    public static string Dll
    {
        get
        {
            var parts = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar);
            parts[Array.LastIndexOf(parts, "bin") - 1] = "PolicyLang.Runtime.FaultHost";
            var dll = Path.Combine(string.Join(Path.DirectorySeparatorChar, parts), "PolicyLang.Runtime.FaultHost.dll");
            Assert.True(File.Exists(dll), $"FaultHost not built at {dll}");
            return dll;
        }
    }

    /// <summary>How to start the host on <paramref name="store"/>: arguments as FaultHost's usage line says, <paramref name="environment"/> added.</summary>
    public static ProcessStartInfo Start(string store, string dir, string point, int batch, IReadOnlyDictionary<string, string> environment, params string[] more)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var a in new[] { Dll, store, dir, point, batch.ToString(CultureInfo.InvariantCulture) }.Concat(more))
        {
            start.ArgumentList.Add(a);
        }

        return start;
    }

    /// <summary>Runs the host until it kills itself at (<paramref name="point"/>, <paramref name="batch"/>); returns what it printed.</summary>
    public static string RunToFault(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "FaultHost did not finish");
        Assert.NotEqual(0, process.ExitCode);
        return stdout.Result + stderr.Result;
    }
}
