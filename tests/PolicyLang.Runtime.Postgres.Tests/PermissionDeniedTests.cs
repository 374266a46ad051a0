using System.Diagnostics;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>
/// A folder archive the runner may not write (its folder belongs to another user, mode r-x): the runner runs as the unprivileged
/// user nobody, because root writes anywhere. The dataset fails in one line naming the path and "permission denied" (not the
/// runtime's exception type), exit code 2, nothing is deleted; once the folder is the runner's, the rerun completes.
/// </summary>
public sealed class PermissionDeniedTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    [OtherUserFact]
    public async Task A_folder_archive_the_runner_may_not_write_fails_in_one_line_and_the_rerun_completes_once_it_may()
    {
        using var dir = new TempDir();
        await db.ExecAsync("DROP TABLE IF EXISTS events");
        await PostgresEvents.SeedAsync(db, expired: 12, fresh: 3);
        var original = await PostgresEvents.TableRowsAsync(db);
        var temp = Directory.CreateDirectory(Path.Combine(dir.Path, "tmp"));
        var archive = Directory.CreateDirectory(dir.Archive);
        Chmod("755", dir.Path);
        Chmod("777", temp.FullName);
        Chmod("555", archive.FullName);

        var (exit, output) = await RunAsNobodyAsync(dir, temp.FullName);

        Assert.True(exit == 2, output);
        var error = Assert.Single(output.Split('\n'), l => l.StartsWith("ERROR ", StringComparison.Ordinal));
        Assert.Equal($"ERROR cannot use '{dir.Archive}/testpolicy': permission denied", error);
        Assert.Equal(original, await PostgresEvents.TableRowsAsync(db));

        Assert.Equal(0, Privileged.Exec("chown", "-R", "nobody", archive.FullName).Exit);
        Chmod("755", archive.FullName);
        var (rerun, rerunOutput) = await RunAsNobodyAsync(dir, temp.FullName);
        Assert.True(rerun == 0, rerunOutput);
        Assert.Equal(original.Skip(12), await PostgresEvents.TableRowsAsync(db));
        Assert.Equal(original.Take(12), await PostgresEvents.ArchivedRowsAsync(dir));
    }

    private static void Chmod(string mode, string path) => Assert.Equal(0, Privileged.Exec("chmod", mode, path).Exit);

    /// <summary>Runs the fault host (no fault point, batches of 5) as the user nobody.</summary>
    private async Task<(int Exit, string Output)> RunAsNobodyAsync(TempDir dir, string temp)
    {
        var start = new ProcessStartInfo("runuser") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[]
        {
            "-u", "nobody", "--", "env", "HOME=" + temp, "DOTNET_CLI_HOME=" + temp, $"{M.PostgresVariable}={db.ConnectionString}", "FAULTHOST_BATCH_SIZE=5",
            "POLICYLANG_TEMP=" + temp, Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", FaultHost.Dll, "postgres", dir.Path, "none", "0",
        })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
