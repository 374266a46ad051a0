using System.Diagnostics;
using DuckDB.NET.Data;
using PolicyLang.Runtime.Reporting;
using Xunit;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// Ctrl-C during retention: policyc exits 130 and its JSON report holds what the run did until then — the rules it finished,
/// the committed batches' counts, <c>interrupted: true</c> — and those counts are what the table and the archive show.
/// </summary>
public sealed class InterruptTests : IDisposable
{
    private const int Rows = 3000;

    private const string Policy = """
        policy "Interrupt" { version "1" owner "o" review every 1 year }
        classification public
        store local duckdb { file "events.duckdb" }
        store archive folder { path "archive" }

        dataset events in local table "main.events" {
          owner "o" classification public
          key id
          column id bigint not null
          column created_at timestamp not null
          expect id unique
          expect created_at not null
          retain 30 days by created_at then archive to archive as parquet then delete
        }
        """;

    private readonly Scratch scratch = new();

    public InterruptTests()
    {
        scratch.File("events.gov", Policy);
        using var connection = new DuckDBConnection($"Data Source={Database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE TABLE events AS SELECT i::BIGINT AS id, TIMESTAMP '2020-01-01' + INTERVAL (i) MINUTE AS created_at FROM range({Rows}) t(i)";
        command.ExecuteNonQuery();
    }

    private string Database => Path.Combine(scratch.Path, "events.duckdb");

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task Sigint_during_retention_exits_130_with_the_committed_batches_in_the_report()
    {
        // Build first, so the interrupted run spends its time in retention, one row per batch.
        var build = Policyc.Run(scratch.Path, scratch.Cache, "build", ".", "-o", "build");
        Assert.True(build.ExitCode == 0, build.ToString());
        var dll = Directory.GetFiles(Path.Combine(scratch.Path, "build"), "*.Enforcement.dll").Single();

        using var process = Policyc.Spawn(scratch.Path, scratch.Cache, "run", dll, "--base-dir", ".", "--json", "report.json", "--batch-size", "1");
        var stderr = new System.Text.StringBuilder();
        var retentionStarted = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            if (e.Data?.Contains("retention events", StringComparison.Ordinal) == true)
            {
                retentionStarted.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        var stdout = process.StandardOutput.ReadToEndAsync();

        await retentionStarted.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(process.HasExited, $"the run finished before it could be interrupted\n{stderr}");
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "policyc did not stop after SIGINT");
        process.WaitForExit();
        var output = $"--- stdout\n{await stdout}\n--- stderr\n{stderr}";
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}\n{output}");
        Assert.Contains("policyc: interrupted;", stderr.ToString(), StringComparison.Ordinal);

        var report = RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "report.json")));
        Assert.True(report.Interrupted, output);
        Assert.Equal(130, report.ExitCode);
        Assert.Equal(["created_at_not_null", "id_unique"], report.Rules.Select(r => r.Rule).Order());
        var retention = Assert.Single(report.Retention);
        Assert.True(retention.Interrupted, output);
        Assert.InRange(retention.Batches, 1, Rows - 1);

        // The counts are what the table and the archive show: deleted rows are gone, completed batches are marked done.
        Assert.Equal(Rows - retention.Deleted, CountRows());
        var archive = Path.Combine(scratch.Path, "archive");
        Assert.Equal(retention.Batches, Directory.GetFiles(archive, "*.done", SearchOption.AllDirectories).Length);
        Assert.InRange(retention.Archived, retention.Deleted, Directory.GetFiles(archive, "*.parquet", SearchOption.AllDirectories).Length);
        Assert.InRange(retention.Deleted, retention.Batches, retention.Batches + 1);
        Assert.Contains($"in {retention.Batches} batch", await stdout, StringComparison.Ordinal);

        // A rerun finishes the work.
        var rerun = Policyc.Run(scratch.Path, scratch.Cache, "run", dll, "--base-dir", ".", "--json", "rerun.json", "--batch-size", "1000");
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(0, CountRows());
        Assert.False(RunReport.FromJson(File.ReadAllText(Path.Combine(scratch.Path, "rerun.json"))).Interrupted);
    }

    private long CountRows()
    {
        using var connection = new DuckDBConnection($"Data Source={Database};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM events";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
