using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PolicyLang.Cli.Tests.Operations;

/// <summary>
/// The real consumers of `policyc run`'s outputs, installed by scripts/services/operations.sh: xmllint, npm junit2json, and a
/// private prometheus-node-exporter or prometheus-pushgateway on a free loopback port.
/// </summary>
internal static class Consumers
{
    public static string Require(string tool)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException($"'{tool}' is not installed: scripts/services/operations.sh installs it (run scripts/test.sh or source scripts/services.sh; services_start)");
    }

    public static string Junit2Json()
    {
        var cli = Path.Combine(Policyc.Root, ".build", "operations-node", "node_modules", "junit2json", "dist", "esm", "cli.js");
        return File.Exists(cli) ? cli : throw new InvalidOperationException($"{cli} is missing: scripts/services/operations.sh installs junit2json");
    }

    public static Result Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in a minute");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A server process on a loopback port, stopped (by its own id) when disposed.</summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly Process process;

    private LoopbackServer(Process process, int port)
    {
        this.process = process;
        Url = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Url { get; }

    /// <summary>node_exporter with only the textfile collector, reading <paramref name="directory"/>.</summary>
    public static LoopbackServer NodeExporter(string directory)
    {
        var port = Consumers.FreePort();
        return Start(Consumers.Require("prometheus-node-exporter"), port,
            "--collector.disable-defaults", "--collector.textfile", $"--collector.textfile.directory={directory}", $"--web.listen-address=127.0.0.1:{port}");
    }

    /// <summary>A Pushgateway keeping its metrics in memory (Debian's default persists them in /var/lib/prometheus, shared by every instance).</summary>
    public static LoopbackServer Pushgateway()
    {
        var port = Consumers.FreePort();
        return Start(Consumers.Require("prometheus-pushgateway"), port, $"--web.listen-address=127.0.0.1:{port}", "--persistence.file=");
    }

    /// <summary>GET /metrics.</summary>
    public string Scrape()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        return client.GetStringAsync(new Uri(Url, "/metrics")).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(5000);
        }

        process.Dispose();
    }

    private static LoopbackServer Start(string program, int port, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new LoopbackServer(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) when (!process.HasExited)
            {
                Thread.Sleep(100);
            }
        }

        server.Dispose();
        throw new InvalidOperationException($"{program} did not listen on 127.0.0.1:{port}");
    }
}
