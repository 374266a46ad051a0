using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PolicyLang.Testing;

/// <summary>
/// A test's own s3rver process (same install as the shared one), so a test can stop and restart it, or age objects on disk,
/// without affecting other tests.
/// </summary>
internal sealed class PrivateS3Server : IDisposable
{
    private Process? process;

    public PrivateS3Server()
    {
        S3Env.Require(Environment.GetEnvironmentVariable(S3Env.UrlVariable));
        Port = FreePort();
        Directory.CreateDirectory(DataDir);
        Start();
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";
    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "pl-s3rver-" + Guid.NewGuid().ToString("N"));

    public void Start()
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        // s3rver needs DES for continuation tokens: see scripts/services/s3.sh.
        foreach (var a in new[] { "--openssl-legacy-provider", Path.Combine(ServerHome(), "server.js"), Port.ToString(System.Globalization.CultureInfo.InvariantCulture), DataDir })
        {
            start.ArgumentList.Add(a);
        }

        process = Process.Start(start)!;
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(20)) || line.Result?.Contains("listening", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"private s3rver did not start: {line.Result} {process.StandardError.ReadToEnd()}");
        }
    }

    /// <summary>Kills the server at once, as an outage would.</summary>
    public void Stop()
    {
        if (process is null)
        {
            return;
        }

        Signal("CONT");
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
        process.Dispose();
        process = null;
    }

    /// <summary>Freezes the server process (SIGSTOP): connections stay open and nothing answers, as a hung server.</summary>
    public void Freeze() => Signal("STOP");

    /// <summary>Lets a frozen server run again (SIGCONT).</summary>
    public void Thaw() => Signal("CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} of the private s3rver failed");
        }
    }

    /// <summary>Sets the last-modified time of <paramref name="key"/> (s3rver reports the file's mtime).</summary>
    public void Age(string bucket, string key, DateTimeOffset lastModified)
    {
        var file = Path.Combine(DataDir, bucket, key.Replace('/', Path.DirectorySeparatorChar) + "._S3rver_object");
        File.SetLastWriteTimeUtc(file, lastModified.UtcDateTime);
    }

    public void Dispose()
    {
        Stop();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>The installed server: exported by scripts/services/s3.sh, else found above the test's output folder.</summary>
    private static string ServerHome()
    {
        if (Environment.GetEnvironmentVariable("POLICYLANG_TEST_S3_SERVER") is { Length: > 0 } home)
        {
            return home;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".build", "services", "s3");
            if (File.Exists(Path.Combine(candidate, "server.js")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("the s3rver install was not found: run scripts/test.sh");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
