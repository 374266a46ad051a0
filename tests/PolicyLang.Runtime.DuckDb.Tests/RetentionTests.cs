using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores.Folder;
using Xunit;

namespace PolicyLang.Runtime.DuckDb.Tests;

public sealed class RetentionTests : IDisposable
{
    private readonly TempDir dir = new();

    public RetentionTests() => DuckDbEvents.Seed(dir, expired: 17, fresh: 8);

    public void Dispose() => dir.Dispose();

    private Task<Reporting.RunReport> Run(Model.RetentionModel retention, bool dryRun = false, Func<FaultPoint, ValueTask>? fault = null) =>
        PolicyRunner.RunAsync(new TestPolicy(DuckDbEvents.Policy(retention)),
            new RunOptions { BaseDirectory = dir.Path, Now = M.Now, BatchSize = 5, DryRun = dryRun, FaultInjection = fault }, CancellationToken.None);

    [Fact]
    public async Task Archived_parquet_equals_the_deleted_rows_by_key_and_content()
    {
        var before = DuckDbEvents.TableRows(dir);
        var report = await Run(M.Retention());

        var result = report.Retention.Single();
        Assert.Null(result.Error);
        Assert.Equal((17, 17, 4), (result.Archived, result.Deleted, result.Batches));
        Assert.Equal(before.Take(17), DuckDbEvents.ArchivedRows(dir));
        Assert.Equal(before.Skip(17), DuckDbEvents.TableRows(dir));
        var manifests = DuckDbEvents.Manifests(dir);
        Assert.Equal(4, manifests.Count);
        Assert.All(manifests, m => Assert.NotNull(m.CompletedAt));
        Assert.Equal(17, manifests.Sum(m => m.RowCount));
        Assert.Equal(0, report.ExitCode);
        var summary = new StringWriter();
        report.WriteSummary(summary);
        Assert.Contains("retention events: archived 17, deleted 17, anonymized 0 in 4 batches (cutoff 2026-05-02T12:00:00Z)", summary.ToString());
        Assert.Contains("\"archived\": 17", report.ToJson());
    }

    [Fact]
    public async Task Dry_run_reports_and_changes_nothing()
    {
        var before = DuckDbEvents.TableRows(dir);
        var report = await Run(M.Retention(), dryRun: true);
        Assert.Equal(17, report.Retention.Single().WouldProcess);
        Assert.Equal(before, DuckDbEvents.TableRows(dir));
        Assert.Empty(DuckDbEvents.Manifests(dir));
        var audit = await new FolderAuditSink(Path.Combine(dir.Archive, "testpolicy", "audit.jsonl"), "testpolicy", true).ReadAllAsync(CancellationToken.None);
        Assert.Equal("dry-run", audit.Single().Action);
    }

    [Fact]
    public async Task A_rerun_is_idempotent()
    {
        await Run(M.Retention());
        var archived = DuckDbEvents.ArchivedRows(dir);
        var files = Directory.GetFiles(dir.Archive, "*", SearchOption.AllDirectories).Length;
        var again = await Run(M.Retention());
        Assert.Equal((0, 0, 0), (again.Retention.Single().Archived, again.Retention.Single().Deleted, again.Retention.Single().Batches));
        Assert.Equal(archived, DuckDbEvents.ArchivedRows(dir));
        Assert.Equal(files, Directory.GetFiles(dir.Archive, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task An_interrupted_run_is_finished_by_the_next_one_without_duplicates()
    {
        var before = DuckDbEvents.TableRows(dir);
        var crashed = await Run(M.Retention(), fault: p =>
            p is { Name: FaultPoint.AfterVerify, Batch: 2 } ? throw new IOException("simulated crash") : ValueTask.CompletedTask);
        Assert.Contains("simulated crash", crashed.Retention.Single().Error);
        Assert.Equal(2, crashed.ExitCode);
        var resumed = await Run(M.Retention());
        Assert.Equal(1, resumed.Retention.Single().Recovered);
        Assert.Equal(before.Take(17), DuckDbEvents.ArchivedRows(dir));
        Assert.Equal(before.Skip(17), DuckDbEvents.TableRows(dir));
    }

    [Fact]
    public async Task Leftovers_of_interrupted_writes_are_removed_before_retention()
    {
        var cutoffDir = Path.Combine(dir.Archive, "testpolicy", "events", "20260502T120000Z");
        Directory.CreateDirectory(cutoffDir);
        File.WriteAllText(Path.Combine(cutoffDir, "0123456789abcdef.parquet"), "half a file");
        File.WriteAllText(Path.Combine(cutoffDir, "0123456789abcdef.manifest.json.tmp-1"), "{");
        var report = await Run(M.Retention());
        Assert.Null(report.Retention.Single().Error);
        Assert.False(File.Exists(Path.Combine(cutoffDir, "0123456789abcdef.parquet")));
        Assert.Empty(Directory.GetFiles(dir.Archive, "*.tmp-*", SearchOption.AllDirectories));
        Assert.Equal(17, DuckDbEvents.ArchivedRows(dir).Count);
        var audit = await new FolderAuditSink(Path.Combine(dir.Archive, "testpolicy", "audit.jsonl"), "testpolicy", true).ReadAllAsync(CancellationToken.None);
        Assert.Equal(2, audit.First(r => r.Action == "recover").Counts["partialObjects"]);
    }

    [Fact]
    public async Task A_non_unique_key_stops_retention_before_anything_is_deleted()
    {
        dir.Exec($"INSERT INTO events VALUES (3, 'fresh twin of an expired row', 1.0, '{M.Now.AddHours(-1).UtcDateTime:yyyy-MM-dd HH:mm:ss}')");
        var before = DuckDbEvents.TableRows(dir);
        var report = await Run(M.Retention());
        Assert.Contains("key 'id' is not unique", report.Retention.Single().Error);
        Assert.Equal(before, DuckDbEvents.TableRows(dir));
        Assert.Empty(DuckDbEvents.Manifests(dir));
    }

    [Fact]
    public async Task A_corrupted_archive_is_never_followed_by_a_delete()
    {
        var before = DuckDbEvents.TableRows(dir);
        var report = await Run(M.Retention(), fault: p =>
        {
            if (p is { Name: FaultPoint.AfterArchive, Batch: 1 })
            {
                foreach (var f in Directory.GetFiles(dir.Archive, "*.parquet", SearchOption.AllDirectories))
                {
                    File.AppendAllText(f, "x");
                }
            }

            return ValueTask.CompletedTask;
        });
        Assert.Contains("failed verification", report.Retention.Single().Error);
        Assert.Equal(before, DuckDbEvents.TableRows(dir));
    }

    [Fact]
    public async Task Jsonl_archives_and_anonymize_keep_their_contracts()
    {
        var report = await Run(M.Retention(format: "jsonl", action: "anonymize", columns: ["payload"]));
        var result = report.Retention.Single();
        // Rows 7 and 14 have no payload to anonymize, so they are not selected.
        Assert.Equal((15, 0), (result.Anonymized, result.Deleted));
        Assert.Equal(25, dir.Scalar("SELECT count(*) FROM events"));
        Assert.Equal(0, dir.Scalar("SELECT count(*) FROM events WHERE id <= 17 AND payload IS NOT NULL"));
        var lines = Directory.GetFiles(dir.Archive, "*.jsonl", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("audit.jsonl", StringComparison.Ordinal)).Sum(f => File.ReadAllLines(f).Length);
        Assert.Equal(15, lines);
        var again = await Run(M.Retention(format: "jsonl", action: "anonymize", columns: ["payload"]));
        Assert.Equal(0, again.Retention.Single().Anonymized);
    }

    [Fact]
    public async Task Every_step_is_audited_in_an_intact_chain()
    {
        var report = await Run(M.Retention());
        var sink = new FolderAuditSink(Path.Combine(dir.Archive, "testpolicy", "audit.jsonl"), "testpolicy", true);
        var records = await sink.ReadAllAsync(CancellationToken.None);
        Assert.Equal(["archive", "verify", "delete"], records.Select(r => r.Action).Distinct());
        Assert.Equal(12, records.Count);
        Assert.Empty(AuditVerifier.Verify(records, report.AuditHead));
    }

    [Fact]
    public void Archive_names_are_deterministic()
    {
        var a = ArchiveLocation.For("p", "d", M.Now, "1", "5");
        Assert.Equal(a, ArchiveLocation.For("p", "d", M.Now, "1", "5"));
        Assert.NotEqual(a, ArchiveLocation.For("p", "d", M.Now, "1", "6"));
        Assert.Equal("20260601T120000Z", a.Cutoff);
    }
}
