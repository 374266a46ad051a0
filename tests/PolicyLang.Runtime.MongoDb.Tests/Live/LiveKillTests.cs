using System.Diagnostics;
using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores.Folder;
using Xunit;

namespace PolicyLang.Runtime.MongoDb.Tests.Live;

/// <summary>Kills a real process at each retention fault point against a live server, reruns, and checks collection ∪ archive is exactly the original.</summary>
public sealed class LiveKillTests
{
    [LiveMongoTheory]
    [InlineData(FaultPoint.AfterArchive, 2)]
    [InlineData(FaultPoint.AfterVerify, 2)]
    [InlineData(FaultPoint.MidDelete, 2)]
    [InlineData(FaultPoint.AfterDelete, 2)]
    [InlineData(FaultPoint.MidDelete, 1)]
    public async Task A_kill_at_any_point_loses_and_duplicates_nothing(string point, int batch)
    {
        using var live = new LiveMongo();
        LiveRetentionTests.Seed(live, expired: 17, fresh: 8);
        var original = live.Documents("events");

        Assert.Contains($"FAULT {point} {batch}", RunHost(live, point, batch));
        AssertNothingLost(live, original);

        var report = await live.RunAsync(LiveRetentionTests.Policy(M.Retention()), checks: false);
        Assert.Null(report.Retention.Single().Error);
        Assert.Equal(original.Take(17), live.ArchivedDocuments("events"));
        Assert.Equal(original.Skip(17), live.Documents("events"));
        var records = await new FolderAuditSink(Path.Combine(live.Archive, "testpolicy", "audit.jsonl"), "testpolicy", true).ReadAllAsync(CancellationToken.None);
        Assert.Empty(AuditVerifier.Verify(records));
        Assert.Contains(records, r => r.Action == "recover");
    }

    private static void AssertNothingLost(LiveMongo live, List<string> original)
    {
        // Between crash and rerun a document may be in both places but never in neither, and never archived twice.
        var archived = live.ArchivedDocuments("events");
        var present = live.Documents("events").Concat(archived).ToHashSet();
        Assert.All(original, d => Assert.Contains(d, present));
        Assert.Equal(archived.Count, archived.Distinct().Count());
    }

    private static string RunHost(LiveMongo live, string point, int batch)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory.Replace("PolicyLang.Runtime.MongoDb.Tests", "PolicyLang.Runtime.MongoDb.FaultHost", StringComparison.Ordinal),
            "PolicyLang.Runtime.MongoDb.FaultHost.dll");
        Assert.True(File.Exists(hostDll), $"FaultHost not built at {hostDll}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        // The URI travels in the environment, never on a command line other users can read.
        start.Environment["LAB_MONGO_URL"] = live.Url;
        start.Environment["LAB_MONGO_TLS"] = LiveMongo.Tls;
        foreach (var a in new[] { hostDll, live.Dir, point, batch.ToString(System.Globalization.CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "FaultHost did not finish");
        Assert.NotEqual(0, process.ExitCode);
        return stdout.Result + stderr.Result;
    }
}
