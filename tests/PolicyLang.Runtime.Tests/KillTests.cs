using System.Diagnostics;
using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores.Folder;
using Xunit;

namespace PolicyLang.Runtime.Tests;

/// <summary>Kills a real process at each retention fault point, reruns, and checks that table ∪ archive is exactly the original rows.</summary>
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
        RetentionSupport.Seed(dir, expired: 17, fresh: 8);
        var original = RetentionSupport.TableRows(dir);

        var output = RunHost(dir, point, batch);
        Assert.Contains($"FAULT {point} {batch}", output);
        AssertNothingLost(dir, original);

        await RerunAsync(dir);
        Assert.Equal(original.Take(17), RetentionSupport.ArchivedRows(dir));
        Assert.Equal(original.Skip(17), RetentionSupport.TableRows(dir));
        await AssertAuditIntactAsync(dir);
    }

    [Fact]
    public async Task A_kill_while_recovering_is_recovered_too()
    {
        using var dir = new TempDir();
        RetentionSupport.Seed(dir, expired: 17, fresh: 8);
        var original = RetentionSupport.TableRows(dir);

        Assert.Contains("FAULT after-verify 3", RunHost(dir, FaultPoint.AfterVerify, 3));
        // Batch 0 is a batch recovered from the earlier run.
        Assert.Contains("FAULT mid-delete 0", RunHost(dir, FaultPoint.MidDelete, 0));
        AssertNothingLost(dir, original);

        await RerunAsync(dir);
        Assert.Equal(original.Take(17), RetentionSupport.ArchivedRows(dir));
        Assert.Equal(original.Skip(17), RetentionSupport.TableRows(dir));
        await AssertAuditIntactAsync(dir);
    }

    private static void AssertNothingLost(TempDir dir, List<string> original)
    {
        // Between crash and rerun a row may be in both places (archived, not yet deleted) but never in neither.
        var present = RetentionSupport.TableRows(dir).Concat(RetentionSupport.ArchivedRows(dir)).ToHashSet();
        Assert.All(original, row => Assert.Contains(row, present));
        Assert.Equal(RetentionSupport.ArchivedRows(dir).Count, RetentionSupport.ArchivedRows(dir).Distinct().Count());
    }

    private static async Task RerunAsync(TempDir dir)
    {
        var report = await PolicyRunner.RunAsync(new TestPolicy(RetentionSupport.Policy(dir, RetentionSupport.Retention())),
            new RunOptions { BaseDirectory = dir.Path, Now = M.Now, BatchSize = 5 }, CancellationToken.None);
        Assert.Null(report.Retention.Single().Error);
    }

    private static async Task AssertAuditIntactAsync(TempDir dir)
    {
        var records = await new FolderAuditSink(Path.Combine(dir.Archive, "testpolicy", "audit.jsonl"), "testpolicy", true).ReadAllAsync(CancellationToken.None);
        Assert.Empty(AuditVerifier.Verify(records));
        Assert.Contains(records, r => r.Action == "recover");
    }

    private static string RunHost(TempDir dir, string point, int batch)
    {
        var testDir = AppContext.BaseDirectory;
        var hostDll = Path.Combine(testDir.Replace("PolicyLang.Runtime.Tests", "PolicyLang.Runtime.FaultHost", StringComparison.Ordinal), "PolicyLang.Runtime.FaultHost.dll");
        Assert.True(File.Exists(hostDll), $"FaultHost not built at {hostDll}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { hostDll, dir.Path, point, batch.ToString(System.Globalization.CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "FaultHost did not finish");
        Assert.NotEqual(0, process.ExitCode);
        return stdout.Result + stderr.Result;
    }
}
