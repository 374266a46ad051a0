using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Model;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores.Folder;
using Xunit;

namespace PolicyLang.Runtime.DuckDb.Tests;

/// <summary>
/// A lifecycle in stages on DuckDB with a folder archive: anonymize after 7 days, archive then delete after 30, expire the archived
/// copies after 60. Seed: rows 1..17 are about 100 days old, rows 18..25 one day old.
/// </summary>
public sealed class LifecycleChainTests : IDisposable
{
    private static readonly RetentionModel Anonymize = new(new Duration(7, DurationUnit.Day), "created", null, null, "anonymize", ["payload"], M.Src);
    private static readonly RetentionModel Archive = new(new Duration(30, DurationUnit.Day), "created", "archive", "parquet", "delete", [], M.Src);
    private static readonly RetentionModel Expire = new(new Duration(60, DurationUnit.Day), "created", null, null, "delete", [], M.Src) { CopiesIn = "archive" };

    private readonly TempDir dir = new();

    public LifecycleChainTests() => DuckDbEvents.Seed(dir, expired: 17, fresh: 8);

    public void Dispose() => dir.Dispose();

    private PolicyModel Policy(params RetentionModel[] stages) =>
        M.DuckDbPolicy([M.Dataset("events", "events", "id", [], stages[0]) with { Lifecycle = stages }], new AuditModel("archive", "audit", null, true));

    private Task<Reporting.RunReport> Run(DateTimeOffset now, bool dryRun = false, Func<FaultPoint, ValueTask>? fault = null, params RetentionModel[] stages) =>
        PolicyRunner.RunAsync(new TestPolicy(Policy(stages.Length == 0 ? [Anonymize, Archive, Expire] : stages)),
            new RunOptions { BaseDirectory = dir.Path, Now = now, BatchSize = 5, DryRun = dryRun, FaultInjection = fault }, CancellationToken.None);

    private ArchiveExpiry Expiry(DateTimeOffset now, bool dryRun = false) =>
        new("testpolicy", Policy(Anonymize, Archive, Expire).Datasets[0], Expire, null, new FolderStore(new StoreModel("archive", "folder", new Dictionary<string, SettingValue>()), dir.Archive),
            new RunOptions { Now = now, DryRun = dryRun }, (_, _) => Task.CompletedTask);

    private Task<IReadOnlyList<AuditRecord>> Audit() =>
        new FolderAuditSink(Path.Combine(dir.Archive, "testpolicy", "audit.jsonl"), "testpolicy", true).ReadAllAsync(CancellationToken.None);

    [Fact]
    public async Task Stages_run_in_order_so_the_archive_holds_anonymized_rows_and_fresh_rows_stay_whole()
    {
        var before = DuckDbEvents.TableRows(dir);
        var report = await Run(M.Now);

        Assert.Equal(0, report.ExitCode);
        Assert.Equal([(1, "7 days anonymize"), (2, "30 days archive+delete"), (3, "60 days expire archive")],
            report.Retention.Select(r => (r.Stage!.Value, r.StageLabel!)));
        var (anonymize, archive, expire) = (report.Retention[0], report.Retention[1], report.Retention[2]);
        Assert.Equal(17 - 2, anonymize.Anonymized); // rows 7 and 14 have no payload to anonymize
        Assert.Equal((17, 17), (archive.Archived, archive.Deleted));
        Assert.Equal((0, 0L, 0), (expire.ExpiredBatches, expire.ExpiredRows, expire.KeptIncomplete));
        Assert.Equal(before.Skip(17), DuckDbEvents.TableRows(dir));
        // What was archived after 30 days had been anonymized after 7: the payload column is null in every archived row.
        var archived = DuckDbEvents.ArchivedRows(dir);
        Assert.Equal(17, archived.Count);
        Assert.All(archived, row => Assert.Equal("", row.Split('|')[1])); // a NULL reads back as DBNull, shown empty

        var summary = new StringWriter();
        report.WriteSummary(summary);
        Assert.Contains("retention events stage 1 (7 days anonymize): archived 0, deleted 0, anonymized 15 in 3 batches", summary.ToString());
        Assert.Contains("retention events stage 2 (30 days archive+delete): archived 17, deleted 17, anonymized 0 in 4 batches", summary.ToString());
        Assert.Contains("retention events stage 3 (60 days expire archive): deleted 0 archived batches (0 rows) from archive (cutoff 2026-04-02T12:00:00Z)", summary.ToString());
        var json = report.ToJson();
        Assert.Contains("\"stage\": 3", json);
        Assert.Contains("\"stageLabel\": \"60 days expire archive\"", json);
        Assert.Contains("\"expiredBatches\": 0", json);
    }

    [Fact]
    public async Task Archived_batches_expire_once_every_row_is_past_the_longer_window_and_are_audited()
    {
        await Run(M.Now);
        var firstBatches = DuckDbEvents.Manifests(dir).Select(m => m.Location).ToList();
        Assert.Equal(4, firstBatches.Count);

        // 29 days later the first batches' cutoff (Now - 30 days) is not yet 60 days back: nothing expires.
        var early = await Run(M.Now.AddDays(29));
        Assert.Equal(0, early.Retention[2].ExpiredBatches);
        Assert.Equal(4, DuckDbEvents.Manifests(dir).Count(m => firstBatches.Contains(m.Location)));

        var later = await Run(M.Now.AddDays(31));
        Assert.Equal(0, later.ExitCode);
        var expire = later.Retention[2];
        Assert.Equal((4, 17L), (expire.ExpiredBatches, expire.ExpiredRows));
        // The first run's batches are gone from the archive (data, manifest and marker); the 8 rows archived today stay.
        Assert.DoesNotContain(DuckDbEvents.Manifests(dir), m => firstBatches.Contains(m.Location));
        Assert.Equal(8, DuckDbEvents.ArchivedRows(dir).Count);
        var firstFolder = Path.Combine(dir.Archive, "testpolicy", "events", firstBatches[0].Cutoff);
        Assert.DoesNotContain(Directory.Exists(firstFolder) ? Directory.GetFiles(firstFolder) : [], f => firstBatches.Any(b => Path.GetFileName(f).StartsWith(b.Batch, StringComparison.Ordinal)));
        var audit = await Audit();
        Assert.Equal(4, audit.Count(a => a.Action == "expire"));
        Assert.Equal(17, audit.Where(a => a.Action == "expire").Sum(a => a.Counts["rows"]));
        Assert.Empty(AuditVerifier.Verify(audit));

        // Idempotent: the same run again finds nothing more to expire.
        var again = await Run(M.Now.AddDays(31));
        Assert.Equal((0, 0L), (again.Retention[2].ExpiredBatches, again.Retention[2].ExpiredRows));
    }

    [Fact]
    public async Task An_incomplete_batch_is_never_expired_and_its_rows_stay_in_the_table()
    {
        // Batch 2 of the archive stage is stored and verified, but the crash comes before its rows are deleted.
        var crash = await Run(M.Now, fault: p => p.Name == FaultPoint.AfterVerify && p.Batch == 2 ? throw new IOException("power cut") : ValueTask.CompletedTask,
            stages: [Archive]);
        Assert.Equal(2, crash.ExitCode);
        var incomplete = DuckDbEvents.Manifests(dir).Where(m => m.CompletedAt is null).ToList();
        Assert.Single(incomplete);
        var rowsOfBatch2 = DuckDbEvents.TableRows(dir).Count(r => incomplete[0].Keys.Contains(r.Split('|')[0]));
        Assert.Equal(5, rowsOfBatch2);

        // Years later, expiry alone (the archive stage has not finished the batch): the complete batch goes, the incomplete one stays.
        var result = await Expiry(M.Now.AddYears(5)).RunAsync(M.Now.AddYears(5), CancellationToken.None);
        Assert.Equal((1, 5L, 1), (result.ExpiredBatches, result.ExpiredRows, result.KeptIncomplete));
        Assert.Equal(incomplete.Select(m => m.Location), DuckDbEvents.Manifests(dir).Select(m => m.Location));
        Assert.Equal(5, DuckDbEvents.TableRows(dir).Count(r => incomplete[0].Keys.Contains(r.Split('|')[0])));

        // The next full run finishes the batch (recovery), archives the rest, and only later runs expire them.
        var next = await Run(M.Now.AddDays(1), stages: [Archive, Expire]);
        Assert.Equal(0, next.ExitCode);
        Assert.Equal(1, next.Retention[0].Recovered);
        Assert.All(DuckDbEvents.Manifests(dir), m => Assert.NotNull(m.CompletedAt));
    }

    [Fact]
    public async Task An_expiry_cut_short_is_finished_by_the_next_run()
    {
        await Run(M.Now);
        var victim = DuckDbEvents.Manifests(dir)[0];
        var basePath = Path.Combine(dir.Archive, "testpolicy", "events", victim.Location.Cutoff, victim.Location.Batch);
        // A crash after the data object and the manifest were deleted leaves the marker alone.
        File.Delete(basePath + ".parquet");
        File.Delete(basePath + ".manifest.json");
        Assert.True(File.Exists(basePath + ArchiveMarker.Suffix));

        var later = await Run(M.Now.AddDays(31));
        Assert.Equal(0, later.ExitCode);
        Assert.Equal(4, later.Retention[2].ExpiredBatches);
        Assert.False(File.Exists(basePath + ArchiveMarker.Suffix));
    }

    [Fact]
    public async Task A_dry_run_counts_what_would_expire_and_deletes_nothing()
    {
        await Run(M.Now);
        var files = Directory.GetFiles(dir.Archive, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("audit.jsonl", StringComparison.Ordinal)).ToList();
        var result = await Expiry(M.Now.AddDays(31), dryRun: true).RunAsync(M.Now.AddDays(31), CancellationToken.None);
        Assert.Equal((4, 17L), (result.ExpiredBatches, result.ExpiredRows));
        Assert.Equal(files, Directory.GetFiles(dir.Archive, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("audit.jsonl", StringComparison.Ordinal)).ToList());
    }

    [Fact]
    public async Task A_failed_stage_stops_the_later_ones_and_is_reported_with_its_stage()
    {
        var broken = Anonymize with { AnonymizeColumns = ["no_such_column"] };
        var report = await Run(M.Now, stages: [broken, Archive, Expire]);
        Assert.Equal(2, report.ExitCode);
        var failed = Assert.Single(report.Retention);
        Assert.StartsWith("stage 1 (7 days anonymize): ", failed.Error);
        Assert.Equal(25, DuckDbEvents.TableRows(dir).Count);
        Assert.Contains(report.Datasets.Single().Errors, e => e.StartsWith("retention: stage 1 (7 days anonymize): ", StringComparison.Ordinal));
    }
}
