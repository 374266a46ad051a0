using System.Globalization;
using System.Net;
using System.Text;
using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Retention;
using PolicyLang.Runtime.Running;
using PolicyLang.Runtime.Stores.Folder;
using Xunit;

namespace PolicyLang.Runtime.S3.Tests;

/// <summary>
/// A server that does not write atomically keeps an empty or cut-short object when a write is interrupted. Every write of the
/// protocol is damaged that way in turn (the manifest, the completion marker), after a crash or by the server itself; each time
/// the next run converges: table ∪ archive = the original rows, each archived once, and a later run exits 0 with nothing to do.
/// </summary>
public sealed class NonAtomicServerTests
{
    public static TheoryData<string, string> Damages => new()
    {
        { ".manifest.json", "empty" }, { ".manifest.json", "truncated" }, { ".manifest.json", "garbage" },
        { ".done", "empty" }, { ".done", "truncated" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task A_write_the_server_keeps_damaged_is_finished_by_the_next_run(string suffix, string damage)
    {
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 17, fresh: 8);
        var original = DuckDbEvents.TableRows(dir);
        var bucket = await S3Env.NewBucketAsync();
        var writes = 0;
        // The second batch's write of this object arrives damaged, and the server answers 200 as if it were whole.
        var http = new RecordingHttp
        {
            Intercept = r => r.Method == HttpMethod.Put && r.RequestUri!.AbsolutePath.EndsWith(suffix, StringComparison.Ordinal) && ++writes == 2
                ? StoreDamaged(bucket, r, damage)
                : null,
        };

        var first = await Run.PolicyAsync(Model(bucket), dir, Run.Through(http), batch: 5);

        // A manifest is read back before its rows are deleted: a damaged one stops the dataset with nothing of that batch deleted.
        if (suffix == ".manifest.json")
        {
            Assert.Contains("is damaged, so nothing of its batch was deleted", Assert.Single(first.Retention).Error);
        }
        else
        {
            Assert.Equal(0, first.ExitCode);
        }

        await AssertNothingLostAsync(dir, bucket, original);

        await AssertConvergesAsync(dir, bucket, original);
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("truncated")]
    public async Task A_manifest_cut_short_by_a_crash_is_rebuilt_from_its_data_object(string damage)
    {
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 17, fresh: 8);
        var original = DuckDbEvents.TableRows(dir);
        var bucket = await S3Env.NewBucketAsync();

        // The runner dies after the second batch's manifest PUT, which the server kept damaged.
        var crashed = await Run.PolicyAsync(Model(bucket), dir, batch: 5,
            fault: p => p is { Name: FaultPoint.AfterArchive, Batch: 2 } ? throw new SimulatedCrash() : ValueTask.CompletedTask);
        Assert.NotNull(Assert.Single(crashed.Retention).Error);
        var keys = (await S3Env.ListAsync(bucket)).Select(o => o.Key).ToHashSet();
        var manifest = keys.Single(k => k.EndsWith(".manifest.json", StringComparison.Ordinal) && !keys.Contains(k.Replace(".manifest.json", ".done", StringComparison.Ordinal)));
        await S3Env.PutAsync(bucket, manifest, Damage(await S3Env.GetAsync(bucket, manifest), damage));
        await AssertNothingLostAsync(dir, bucket, original);

        await AssertConvergesAsync(dir, bucket, original);
        var audit = await new FolderAuditSink(Path.Combine(dir.Path, "files", "testpolicy", "audit.jsonl"), "testpolicy", true).ReadAllAsync(CancellationToken.None);
        Assert.Contains(audit, r => r.Action == "recover" && r.Details.StartsWith("rebuilt the damaged manifest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_completed_batch_whose_manifest_is_cut_short_and_marker_lost_is_finished_without_losing_its_rows()
    {
        // The reproduction: after a completed run, a manifest PUT cut short and the batch's .done marker gone.
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 17, fresh: 8);
        var original = DuckDbEvents.TableRows(dir);
        var bucket = await S3Env.NewBucketAsync();
        Assert.Equal(0, (await Run.PolicyAsync(Model(bucket), dir, batch: 5)).ExitCode);
        var objects = (await S3Env.ListAsync(bucket)).Select(o => o.Key).ToList();
        var manifest = objects.First(k => k.EndsWith(".manifest.json", StringComparison.Ordinal));
        await S3Env.PutAsync(bucket, manifest, Damage(await S3Env.GetAsync(bucket, manifest), "truncated"));
        using (var client = S3Env.Client())
        {
            await client.DeleteObjectAsync(bucket, manifest.Replace(".manifest.json", ".done", StringComparison.Ordinal));
        }

        await AssertConvergesAsync(dir, bucket, original);
    }

    [Fact]
    public async Task A_batch_left_under_a_previous_policy_name_with_a_damaged_manifest_is_rebuilt_and_finished()
    {
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 17, fresh: 8);
        var original = DuckDbEvents.TableRows(dir);
        var bucket = await S3Env.NewBucketAsync();

        // Under its old name the policy dies after the second batch's manifest PUT, which the server kept cut short.
        var crashed = await Run.PolicyAsync(Model(bucket) with { Name = "oldname" }, dir, batch: 5,
            fault: p => p is { Name: FaultPoint.AfterArchive, Batch: 2 } ? throw new SimulatedCrash() : ValueTask.CompletedTask);
        Assert.NotNull(Assert.Single(crashed.Retention).Error);
        var keys = (await S3Env.ListAsync(bucket, "oldname/")).Select(o => o.Key).ToHashSet();
        var manifest = keys.Single(k => k.EndsWith(".manifest.json", StringComparison.Ordinal) && !keys.Contains(k.Replace(".manifest.json", ".done", StringComparison.Ordinal)));
        await S3Env.PutAsync(bucket, manifest, Damage(await S3Env.GetAsync(bucket, manifest), "truncated"));

        var renamed = Model(bucket) with { PreviousNames = ["oldname"] };
        var rerun = await Run.PolicyAsync(renamed, dir, batch: 5);

        var retention = Assert.Single(rerun.Retention);
        Assert.Null(retention.Error);
        Assert.Equal(1, retention.Recovered);
        Assert.Equal(original.Skip(17), DuckDbEvents.TableRows(dir));
        var archived = (await DuckDbEvents.ArchivedInS3Async(dir, bucket, prefix: "oldname/events/")).Concat(await DuckDbEvents.ArchivedInS3Async(dir, bucket)).ToList();
        Assert.Equal(original.Take(17), archived.OrderBy(r => int.Parse(r.Split('|')[0], CultureInfo.InvariantCulture)));
        var old = await S3Env.ListAsync(bucket, "oldname/");
        Assert.Equal(old.Count(o => o.Key.EndsWith(".parquet", StringComparison.Ordinal)), old.Count(o => o.Key.EndsWith(".done", StringComparison.Ordinal)));
        var later = Assert.Single((await Run.PolicyAsync(renamed, dir, batch: 5)).Retention);
        Assert.Equal((null, 0, 0L), (later.Error, later.Recovered, later.Deleted));
    }

    [Fact]
    public async Task A_damaged_batch_under_a_previous_name_without_this_datasets_key_column_is_left_alone()
    {
        using var dir = new TempDir();
        DuckDbEvents.Seed(dir, expired: 17, fresh: 8);
        var original = DuckDbEvents.TableRows(dir);
        var bucket = await S3Env.NewBucketAsync();
        // Another policy once had this policy's old name and a dataset 'events' keyed by another column; its batch was cut short.
        var foreign = Path.Combine(dir.Path, "foreign.parquet");
        dir.Exec($"COPY (SELECT 7::BIGINT AS other_id, 'theirs' AS payload) TO '{foreign}' (FORMAT parquet)");
        const string batch = "oldname/events/20260302T120000Z/0123456789abcdef";
        await S3Env.PutAsync(bucket, batch + ".parquet", await File.ReadAllBytesAsync(foreign));
        await S3Env.PutAsync(bucket, batch + ".manifest.json", Encoding.UTF8.GetBytes("{\"location\": \"olde"));

        var report = await Run.PolicyAsync(Model(bucket) with { PreviousNames = ["oldname"] }, dir, batch: 5);

        var retention = Assert.Single(report.Retention);
        Assert.Equal((null, 0, 17L), (retention.Error, retention.Recovered, retention.Deleted));
        Assert.Equal(original.Skip(17), DuckDbEvents.TableRows(dir));
        Assert.Equal(new[] { batch + ".manifest.json", batch + ".parquet" }, (await S3Env.ListAsync(bucket, "oldname/")).Select(o => o.Key).Order(StringComparer.Ordinal));
        var audit = await new FolderAuditSink(Path.Combine(dir.Path, "files", "testpolicy", "audit.jsonl"), "testpolicy", true).ReadAllAsync(CancellationToken.None);
        Assert.Contains(audit, r => r.Action == "recover" && r.Details.Contains($"left {batch} alone", StringComparison.Ordinal) && r.Details.Contains("no column 'id'", StringComparison.Ordinal));
    }

    private static async Task AssertConvergesAsync(TempDir dir, string bucket, List<string> original)
    {
        var rerun = await Run.PolicyAsync(Model(bucket), dir, batch: 5);
        Assert.Null(Assert.Single(rerun.Retention).Error);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(original.Skip(17), DuckDbEvents.TableRows(dir));
        Assert.Equal(original.Take(17), await DuckDbEvents.ArchivedInS3Async(dir, bucket));
        // Every batch is whole again: a manifest that parses and a marker of the marker's one size.
        var objects = await S3Env.ListAsync(bucket);
        Assert.All(objects.Where(o => o.Key.EndsWith(".done", StringComparison.Ordinal)), o => Assert.Equal(ArchiveMarker.Length, o.Size));
        Assert.Equal(objects.Count(o => o.Key.EndsWith(".parquet", StringComparison.Ordinal)), objects.Count(o => o.Key.EndsWith(".done", StringComparison.Ordinal)));

        var later = await Run.PolicyAsync(Model(bucket), dir, batch: 5);
        Assert.Equal(0, later.ExitCode);
        Assert.Equal((0, 0L), (later.Retention.Single().Recovered, later.Retention.Single().Deleted));
        Assert.Empty(AuditVerifier.Verify(await new FolderAuditSink(Path.Combine(dir.Path, "files", "testpolicy", "audit.jsonl"), "testpolicy", true)
            .ReadAllAsync(CancellationToken.None)));
    }

    private static async Task AssertNothingLostAsync(TempDir dir, string bucket, List<string> original)
    {
        var archived = await DuckDbEvents.ArchivedInS3Async(dir, bucket);
        var present = DuckDbEvents.TableRows(dir).Concat(archived).ToHashSet();
        Assert.All(original, row => Assert.Contains(row, present));
        Assert.Equal(archived.Count, archived.Distinct().Count());
    }

    private static Model.PolicyModel Model(string bucket) => Policies.EventsToS3(M.S3(bucket, S3Env.Url));

    /// <summary>Stores a damaged copy of the request's body under its key and answers 200, as a server that kept half a write would.</summary>
    private static HttpResponseMessage StoreDamaged(string bucket, HttpRequestMessage request, string damage)
    {
        var body = request.Content!.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var key = Uri.UnescapeDataString(request.RequestUri!.AbsolutePath).TrimStart('/')[(bucket.Length + 1)..];
        S3Env.PutAsync(bucket, key, Damage(body, damage)).GetAwaiter().GetResult();
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("") };
    }

    private static byte[] Damage(byte[] whole, string damage) => damage switch
    {
        "empty" => [],
        "truncated" => whole[..(whole.Length / 2)],
        _ => Encoding.UTF8.GetBytes(new string('x', whole.Length)),
    };

    private sealed class SimulatedCrash : Exception;
}
