using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.S3;
using Amazon.S3.Model;
using PolicyLang.Runtime.DuckDb;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Policy;
using PolicyLang.Runtime.Stores;
using PolicyLang.Runtime.Testing;

namespace PolicyLang.Benchmarks.S3;

/// <summary>events kept 30 days, archived to S3 (Glacier, SSE-S3) as Parquet, then deleted.</summary>
internal sealed class BenchPolicy(string bucket, string endpoint, ArchiveTimes times) : IEnforcementPolicy
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SourceRef Src = new("bench.gov", 1, 1);

    public PolicyModel Model { get; } = new("bench", "Bench", [
            new StoreModel("db", "duckdb", new Dictionary<string, SettingValue> { ["file"] = SettingValue.Of("data.duckdb") }),
            new StoreModel("offsite", "s3", new Dictionary<string, SettingValue>
            {
                ["bucket"] = SettingValue.Of(bucket), ["endpoint"] = SettingValue.Of(endpoint),
                ["storage-class"] = SettingValue.Of("glacier-flexible-retrieval"), ["encryption"] = SettingValue.Of("aes256"),
            }),
        ],
        [new DatasetModel("events", "db", LocationKind.Table, "events", "id", "internal", [], [],
            new RetentionModel(new Duration(30, DurationUnit.Day), "created", "offsite", "parquet", "delete", [], Src), [], [], Src)],
        null, []);

    public IReadOnlyList<PolicyTestCase> Tests => [];

    public void RegisterStores(StoreRegistry registry)
    {
        registry.Add(new DuckDbStoreProvider());
        registry.Add(new TimedS3Provider(times));
    }
}

internal static class Bench
{
    public static AmazonS3Client Client(string url) => new(new AmazonS3Config
    {
        ServiceURL = url, ForcePathStyle = true, AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
    });

    public static async Task<long> ArchivedBytesAsync(IAmazonS3 client, string bucket)
    {
        long bytes = 0;
        string? token = null;
        do
        {
            var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, ContinuationToken = token });
            bytes += (page.S3Objects ?? []).Where(o => o.Key.EndsWith(".parquet", StringComparison.Ordinal)).Sum(o => o.Size ?? 0);
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return bytes;
    }

    public static void PrintTable(string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => c.PadLeft(widths[i]))) + " |";
        Console.WriteLine(Line(header));
        Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var row in rows)
        {
            Console.WriteLine(Line(row));
        }
    }
}

/// <summary>Peak resident memory of this process (Linux VmHWM, reset per run) and a sampled peak of the managed heap.</summary>
internal static class Memory
{
    /// <summary>Resets VmHWM so the peak covers the run only, not the seeding before it.</summary>
    public static void ResetPeak()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { Console.Error.WriteLine("cannot reset peak RSS: " + ex.Message); }
    }

    public static long PeakRssBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public sealed class ManagedPeakSampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public ManagedPeakSampler() => _timer = new Timer(_ => Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), GC.GetTotalMemory(false))), null, 0, 20);

        public long Peak => Interlocked.Read(ref _peak);

        public void Dispose() => _timer.Dispose();
    }
}

/// <summary>The S3 endpoint: POLICYLANG_TEST_S3_URL, else a private s3rver this process starts and stops.</summary>
internal sealed class LocalServer : IDisposable
{
    private readonly Process? _process;
    private readonly string? _dataDir;

    private LocalServer(string url, Process? process, string? dataDir) => (Url, _process, _dataDir) = (url, process, dataDir);

    public string Url { get; }

    public static LocalServer FromEnvironmentOrStart()
    {
        if (Environment.GetEnvironmentVariable("POLICYLANG_TEST_S3_URL") is { Length: > 0 } url)
        {
            return new LocalServer(url, null, null);
        }

        var home = Path.Combine(FindRepo(), ".build", "services", "s3");
        var port = FreePort();
        var data = Path.Combine(Path.GetTempPath(), "pl-bench-s3rver-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--openssl-legacy-provider", Path.Combine(home, "server.js"), port.ToString(System.Globalization.CultureInfo.InvariantCulture), data })
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
        if (process.StandardOutput.ReadLine()?.Contains("listening", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException("s3rver did not start; run scripts/test.sh once to install it");
        }

        return new LocalServer($"http://127.0.0.1:{port}", process, data);
    }

    public void Dispose()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.Dispose();
        if (_dataDir is not null)
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PolicyLang.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run from inside the repository");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
