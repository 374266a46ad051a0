using System.Diagnostics;
using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores.Folder;
using Xunit;

namespace PolicyLang.Runtime.S3.Tests;

/// <summary>The runner's kill test with an S3 archive: the FaultHost process kills itself at each fault point; the rerun restores table ∪ archive exactly.</summary>
public sealed class KillTests
{
    [Theory]
    [InlineData(FaultPoint.AfterArchive, 2)]
    [InlineData(FaultPoint.AfterVerify, 2)]
    [InlineData(FaultPoint.MidDelete, 2)]
    [InlineData(FaultPoint.AfterDelete, 2)]
    [InlineData(FaultPoint.MidDelete, 1)]
    public async Task A_kill_at_any_point_loses_and_duplicates_nothing(string point, int batch)
    {
        using var dir = new TempDir();
        Events.Seed(dir, expired: 17, fresh: 8);
        var original = Events.Table(dir);
        var bucket = await S3Env.NewBucketAsync();

        Assert.Contains($"FAULT {point} {batch}", RunHost(dir, bucket, point, batch));
        await AssertNothingLostAsync(dir, bucket, original);

        await RerunAsync(dir, bucket);
        Assert.Equal(original.Take(17), await Events.ArchivedAsync(dir, bucket));
        Assert.Equal(original.Skip(17), Events.Table(dir));
        await AssertAuditIntactAsync(dir);
    }

    [Fact]
    public async Task A_kill_while_recovering_is_recovered_too()
    {
        using var dir = new TempDir();
        Events.Seed(dir, expired: 17, fresh: 8);
        var original = Events.Table(dir);
        var bucket = await S3Env.NewBucketAsync();

        Assert.Contains("FAULT after-verify 3", RunHost(dir, bucket, FaultPoint.AfterVerify, 3));
        Assert.Contains("FAULT mid-delete 0", RunHost(dir, bucket, FaultPoint.MidDelete, 0));
        await AssertNothingLostAsync(dir, bucket, original);

        await RerunAsync(dir, bucket);
        Assert.Equal(original.Take(17), await Events.ArchivedAsync(dir, bucket));
        Assert.Equal(original.Skip(17), Events.Table(dir));
        await AssertAuditIntactAsync(dir);
    }

    private static async Task AssertNothingLostAsync(TempDir dir, string bucket, List<string> original)
    {
        // Between crash and rerun a row may be in both places (archived, not yet deleted) but never in neither.
        var archived = await Events.ArchivedAsync(dir, bucket);
        var present = Events.Table(dir).Concat(archived).ToHashSet();
        Assert.All(original, row => Assert.Contains(row, present));
        Assert.Equal(archived.Count, archived.Distinct().Count());
    }

    private static async Task RerunAsync(TempDir dir, string bucket)
    {
        var report = await Run.PolicyAsync(Policies.EventsToS3(Policies.S3(bucket, S3Env.Url)), dir, batch: 5);
        Assert.Null(report.Retention.Single().Error);
    }

    private static async Task AssertAuditIntactAsync(TempDir dir)
    {
        var records = await new FolderAuditSink(Path.Combine(dir.Path, "files", "testpolicy", "audit.jsonl"), "testpolicy", true).ReadAllAsync(CancellationToken.None);
        Assert.Empty(AuditVerifier.Verify(records));
        Assert.Contains(records, r => r.Action == "recover");
    }

    private static string RunHost(TempDir dir, string bucket, string point, int batch)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory.Replace("PolicyLang.Runtime.S3.Tests", "PolicyLang.Runtime.FaultHost", StringComparison.Ordinal), "PolicyLang.Runtime.FaultHost.dll");
        Assert.True(File.Exists(hostDll), $"FaultHost not built at {hostDll}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { hostDll, dir.Path, point, batch.ToString(System.Globalization.CultureInfo.InvariantCulture), S3Env.Url, bucket })
            start.ArgumentList.Add(a);
        // The host finds credentials through the standard AWS chain: the variables S3Env set in this process are inherited.
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "FaultHost did not finish");
        Assert.NotEqual(0, process.ExitCode);
        return stdout.Result + stderr.Result;
    }
}
