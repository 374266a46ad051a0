using System.Diagnostics;
using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Running;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>
/// The runner's kill test on PostgreSQL: a real process is SIGKILLed at each retention fault point (its open transaction and
/// advisory lock die with its connection), then a rerun must leave table ∪ archive exactly the original rows.
/// </summary>
public sealed class KillTests(PgDatabase db) : IClassFixture<PgDatabase>
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
        await FreshTableAsync();
        var original = await RetentionSupport.TableRowsAsync(db);

        Assert.Contains($"FAULT {point} {batch}", RunHost(dir, point, batch));
        await AssertNothingLostAsync(dir, original);

        await RerunAsync(dir);
        Assert.Equal(original.Take(17), await RetentionSupport.ArchivedRowsAsync(dir));
        Assert.Equal(original.Skip(17), await RetentionSupport.TableRowsAsync(db));
        await AssertAuditIntactAsync();
    }

    [Fact]
    public async Task A_kill_while_recovering_is_recovered_too()
    {
        using var dir = new TempDir();
        await FreshTableAsync();
        var original = await RetentionSupport.TableRowsAsync(db);

        Assert.Contains("FAULT after-verify 3", RunHost(dir, FaultPoint.AfterVerify, 3));
        Assert.Contains("FAULT mid-delete 0", RunHost(dir, FaultPoint.MidDelete, 0));
        await AssertNothingLostAsync(dir, original);

        await RerunAsync(dir);
        Assert.Equal(original.Take(17), await RetentionSupport.ArchivedRowsAsync(dir));
        Assert.Equal(original.Skip(17), await RetentionSupport.TableRowsAsync(db));
        await AssertAuditIntactAsync();
    }

    private async Task FreshTableAsync()
    {
        await db.ExecAsync("DROP TABLE IF EXISTS events");
        await RetentionSupport.SeedAsync(db, expired: 17, fresh: 8);
    }

    private async Task AssertNothingLostAsync(TempDir dir, List<string> original)
    {
        // Between crash and rerun a row may be in both places (archived, not yet deleted) but never in neither.
        var archived = await RetentionSupport.ArchivedRowsAsync(dir);
        var present = (await RetentionSupport.TableRowsAsync(db)).Concat(archived).ToHashSet();
        Assert.All(original, row => Assert.Contains(row, present));
        Assert.Equal(archived.Count, archived.Distinct().Count());
    }

    private async Task RerunAsync(TempDir dir)
    {
        var report = await M.RunAsync(RetentionSupport.Policy(RetentionSupport.Retention()), M.Options(db.ConnectionString, dir.Path, 5));
        Assert.Null(report.Retention.Single().Error);
        Assert.Empty(report.Errors);
    }

    private async Task AssertAuditIntactAsync()
    {
        var records = await AuditSupport.ReadAsync(db);
        Assert.Empty(AuditVerifier.Verify(records));
        Assert.Contains(records, r => r.Action == "recover");
    }

    private string RunHost(TempDir dir, string point, int batch)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory.Replace("PolicyLang.Runtime.Postgres.Tests", "PolicyLang.Runtime.Postgres.FaultHost", StringComparison.Ordinal),
            "PolicyLang.Runtime.Postgres.FaultHost.dll");
        Assert.True(File.Exists(hostDll), $"FaultHost not built at {hostDll}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["TEST_PG_CONNECTION"] = db.ConnectionString },
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
