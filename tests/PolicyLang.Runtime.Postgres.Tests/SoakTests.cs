using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Parquet.Serialization;
using PolicyLang.Runtime.Retention;
using Xunit;
using Xunit.Abstractions;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>
/// The soak of issue 19: PostgreSQL → S3 retention (the local s3rver, which does not write atomically) SIGKILLed at random moments
/// spread over whole runs. A third of the kills come at a random time within the duration of an unkilled run (measured first); the
/// rest once the run has committed a random number of batches (seen in the audit log), plus a random part of one batch's time, so
/// they land between commits: in an export, a data object or manifest PUT, a verification, a commit or a marker PUT. After every
/// kill: no row lost (table ∪ archive ⊇ original), none archived twice; every run that was not killed exits 0; at the end the
/// converging run and a later one exit 0 and table ∪ archive = original exactly. POLICYLANG_SOAK sets the number of kills (the
/// suite runs 3; the figures in docs/runtime.md are from 50), POLICYLANG_SOAK_SEED the random seed (19).
/// </summary>
public sealed class SoakTests(PgDatabase db, ITestOutputHelper output) : IClassFixture<PgDatabase>
{
    private const string Variable = "POLICYLANG_SOAK";
    private const int BatchSize = 50;
    private readonly Dictionary<string, List<Row>> downloaded = new(StringComparer.Ordinal);

    [Fact]
    public async Task Random_kills_during_postgres_to_s3_retention_converge_with_nothing_lost_or_duplicated()
    {
        var kills = Setting(Variable, 3);
        // Expired rows added whenever fewer are left: 5 batches a run for a real soak, 2 for the suite's few kills (it must stay fast).
        var topUp = kills > 5 ? 5 * BatchSize : 2 * BatchSize;
        var random = new Random(Setting("POLICYLANG_SOAK_SEED", 19));
        using var dir = new TempDir();
        await db.ExecAsync("DROP TABLE IF EXISTS events",
            "CREATE TABLE events (id bigint PRIMARY KEY, payload text, amount double precision, created timestamptz NOT NULL)",
            "CREATE INDEX ON events (created, id)");
        var bucket = await S3Env.NewBucketAsync();
        using var client = S3Env.Client();
        var original = new List<Row>();
        var next = 1;
        var clock = Stopwatch.StartNew();

        async Task TopUpAsync()
        {
            if (await ExpiredAsync() >= topUp)
            {
                return;
            }
            // Keep expired rows coming, so every kill lands in the middle of retention work.
            await SeedAsync(next, next + topUp - 1, fresh: next == 1 ? 40 : 0);
            original.AddRange((await TableAsync()).Where(r => r.Id >= next));
            next += topUp + (next == 1 ? 40 : 0);
        }

        // One unkilled run measures how long a run and one of its batches take.
        await TopUpAsync();
        var measured = await RunHostAsync(dir, bucket, Trigger.None);
        Assert.True(measured.Exit == 0, $"the measuring run exited {measured.Exit}: {measured.Output}");
        var run = measured.Elapsed;
        var perBatch = run / Math.Max(1, measured.Committed);

        var figures = new Figures();
        var leftovers = new HashSet<string>(StringComparer.Ordinal);
        while (figures.Kills < kills)
        {
            await TopUpAsync();
            var trigger = random.Next(3) == 0
                ? Trigger.At(run * random.NextDouble())
                : Trigger.After(random.Next(1, Math.Max(2, measured.Committed)), perBatch * random.NextDouble());
            var outcome = await RunHostAsync(dir, bucket, trigger);
            if (outcome.Exit is { } exit)
            {
                Assert.True(exit == 0, $"an unkilled run exited {exit}: {outcome.Output}");
                figures.Completed++;
                continue;
            }

            figures.Kills++;
            var state = await BucketStateAsync(client, bucket);
            figures.Count(outcome, state.Leftovers.Except(leftovers, StringComparer.Ordinal).ToList());
            leftovers = state.Leftovers;
            // Between a kill and the next run a row may be both archived and still in the table, but never in neither, and never archived twice.
            var archived = await ArchivedAsync(client, bucket, state.WithManifest);
            Assert.Equal(archived.Count, archived.Select(r => r.Id).Distinct().Count());
            var present = (await TableAsync()).Concat(archived).Select(Canonical).ToHashSet(StringComparer.Ordinal);
            Assert.All(original, row => Assert.Contains(Canonical(row), present));
        }

        var final = await RunHostAsync(dir, bucket, Trigger.None);
        Assert.True(final.Exit == 0, $"the converging run exited {final.Exit}: {final.Output}");
        var later = await RunHostAsync(dir, bucket, Trigger.None);
        Assert.True(later.Exit == 0, $"a later run exited {later.Exit}: {later.Output}");
        Assert.Equal(0, later.Committed);

        var expired = original.Where(r => r.Created < M.Now.AddDays(-30)).ToList();
        var archivedAll = await ArchivedAsync(client, bucket, (await BucketStateAsync(client, bucket)).WithManifest);
        var duplicated = archivedAll.Count - archivedAll.Select(r => r.Id).Distinct().Count();
        var lost = expired.Select(Canonical).Except(archivedAll.Select(Canonical)).Count();
        output.WriteLine($"soak: {figures.Kills} SIGKILLs ({figures.Timed} at a random time within a run of {run.TotalSeconds:0.0} s, {figures.Kills - figures.Timed} after " +
            $"a random number of committed batches plus up to one batch's {perBatch.TotalMilliseconds:0} ms), {figures.Completed} runs finished before their kill; " +
            $"{original.Count} rows ({expired.Count} expired), {archivedAll.Count} archived, {lost} lost, {duplicated} duplicated, final runs exit {final.Exit} and {later.Exit}, " +
            $"{clock.Elapsed.TotalSeconds:0} s");
        output.WriteLine(figures.ToString());
        Assert.Equal(0, duplicated);
        Assert.Equal(0, lost);
        Assert.Equal(expired.Select(Canonical).Order(StringComparer.Ordinal), archivedAll.Select(Canonical).Order(StringComparer.Ordinal));
        Assert.Equal(original.Except(expired).Select(Canonical), (await TableAsync()).Select(Canonical));
    }

    private static int Setting(string variable, int fallback) =>
        int.Parse(Environment.GetEnvironmentVariable(variable) is { Length: > 0 } n ? n : fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private Task<long> ExpiredAsync() => db.ScalarAsync($"SELECT count(*) FROM events WHERE created < '{M.Now.AddDays(-30):yyyy-MM-dd}'");

    private Task SeedAsync(int from, int to, int fresh) => db.ExecAsync($"""
        INSERT INTO events
        SELECT g,
               CASE WHEN g % 7 = 0 THEN NULL ELSE 'payload "' || g || E'" \'; ünïcødé ✓ 🙂 ,\n' || repeat('x', g % 50) END,
               CASE WHEN g % 11 = 0 THEN 'NaN'::float8 WHEN g % 13 = 0 THEN '-Infinity'::float8 WHEN g % 5 = 0 THEN NULL ELSE g * 1.25 + 1.0 / 3 END,
               CASE WHEN g <= {to} THEN timestamptz '{M.Now.AddDays(-100):yyyy-MM-dd HH:mm:ss}+00' + (g % 997) * interval '1 minute 1.234567 second'
                    ELSE timestamptz '{M.Now.AddDays(-1):yyyy-MM-dd HH:mm:ss}+00' + g * interval '1 second' END
        FROM generate_series({from}, {to + fresh}) g
        """);

    /// <summary>When to SIGKILL a run: never, at a time after its start, or once it has committed some batches (plus a delay).</summary>
    private sealed record Trigger(TimeSpan? Time, int? Batches, TimeSpan Delay)
    {
        public static readonly Trigger None = new(null, null, TimeSpan.Zero);
        public static Trigger At(TimeSpan after) => new(after, null, TimeSpan.Zero);
        public static Trigger After(int batches, TimeSpan delay) => new(null, batches, delay);
        public bool Kills => Time is not null || Batches is not null;
    }

    private sealed record Outcome(int? Exit, string Output, TimeSpan Elapsed, int Committed, string? LastAction, bool Timed);

    private async Task<Outcome> RunHostAsync(TempDir dir, string bucket, Trigger trigger)
    {
        var start = FaultHost.Start("postgres", dir.Path, "none", 0, new Dictionary<string, string>
        {
            [M.PostgresVariable] = db.ConnectionString, ["FAULTHOST_BATCH_SIZE"] = BatchSize.ToString(CultureInfo.InvariantCulture),
            ["AWS_ACCESS_KEY_ID"] = "S3RVER", ["AWS_SECRET_ACCESS_KEY"] = "S3RVER", ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["POLICYLANG_TEMP"] = Path.Combine(dir.Path, "tmp"),
        }, S3Env.Url, bucket);
        var auditBefore = await AuditAsync("SELECT coalesce(max(id), 0) FROM governance.audit_log");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        var killed = false;
        if (trigger.Kills)
        {
            if (trigger.Time is { } at)
            {
                await Task.WhenAny(exited, Task.Delay(at));
            }

            while (trigger.Batches is { } batches && !exited.IsCompleted && await CommittedAsync(auditBefore) < batches)
            {
                await Task.WhenAny(exited, Task.Delay(20));
            }

            if (trigger.Batches is not null)
            {
                await Task.WhenAny(exited, Task.Delay(trigger.Delay));
            }

            if (!exited.IsCompleted)
            {
                // SIGKILL: no finally blocks, no rollback, no cleanup.
                process.Kill();
                killed = true;
            }
        }

        var finished = await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMinutes(5)));
        Assert.True(finished == exited, "a run did not finish within 5 minutes");
        var elapsed = clock.Elapsed;
        var committed = await CommittedAsync(auditBefore);
        var last = await AuditAsync("SELECT 1") == 0 ? null
            : (await db.QueryAsync($"SELECT action FROM governance.audit_log WHERE id > {auditBefore} ORDER BY id DESC LIMIT 1")).FirstOrDefault()?[0] as string;
        return new Outcome(killed ? null : process.ExitCode, await stdout + await stderr, elapsed, committed, last, trigger.Time is not null);
    }

    /// <summary>Batches whose delete committed since audit record <paramref name="after"/> (each is audited right after its commit).</summary>
    private async Task<int> CommittedAsync(long after) =>
        (int)await AuditAsync($"SELECT count(*) FROM governance.audit_log WHERE id > {after} AND action = 'delete'");

    /// <summary>A number from the audit log, 0 before the first run has created it.</summary>
    private async Task<long> AuditAsync(string sql) =>
        await db.ScalarAsync("SELECT count(*) FROM pg_class WHERE oid = to_regclass('governance.audit_log')") == 0 ? 0 : await db.ScalarAsync(sql);

    /// <summary>What the kills left, for the figures.</summary>
    private sealed class Figures
    {
        private readonly SortedDictionary<string, int> phases = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> left = new(StringComparer.Ordinal);
        public int Kills { get; set; }
        public int Completed { get; set; }
        public int Timed { get; private set; }
        private int afterCommit;

        public void Count(Outcome outcome, List<string> newLeftovers)
        {
            if (outcome.Timed)
            {
                Timed++;
            }

            if (outcome.Committed > 0)
            {
                afterCommit++;
            }

            var phase = outcome.LastAction switch
            {
                null => "before its first audit record (start-up, lock, recovery listing, first export)",
                "recover" => "while recovering interrupted batches",
                "archive" => "after a batch's data object and manifest were stored and read back, before its verification was audited",
                "verify" => "after verification, before the commit was audited",
                "delete" => "after a commit was audited (marker PUT, next batch's export or PUT)",
                var other => $"after a '{other}' record",
            };
            phases[phase] = phases.GetValueOrDefault(phase) + 1;
            foreach (var kind in newLeftovers.Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..]))
            {
                left[kind] = left.GetValueOrDefault(kind) + 1;
            }
        }

        public override string ToString() =>
            $"kills after >= 1 committed batch of their run: {afterCommit}\n" +
            "kills by the last audit record of their run:\n" + string.Join("\n", phases.Select(p => $"  {p.Value,3}  {p.Key}")) + "\n" +
            "new leftovers found in the bucket right after a kill:\n" +
            (left.Count == 0 ? "  none" : string.Join("\n", left.Select(p => $"  {p.Value,3}  {p.Key}")));
    }

    private sealed record BucketState(HashSet<string> Leftovers, List<string> WithManifest);

    /// <summary>
    /// The data objects that have a manifest, and each batch's interrupted state ("&lt;batch&gt; &lt;kind&gt;"): a data object without a
    /// manifest, a damaged (unparsable) manifest, a manifest without a whole marker.
    /// </summary>
    private static async Task<BucketState> BucketStateAsync(AmazonS3Client client, string bucket)
    {
        var objects = new Dictionary<string, long>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, ContinuationToken = token });
            foreach (var o in page.S3Objects ?? [])
            {
                objects[o.Key] = o.Size ?? 0;
            }

            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        var leftovers = new HashSet<string>(StringComparer.Ordinal);
        var withManifest = new List<string>();
        foreach (var data in objects.Keys.Where(k => k.EndsWith(".parquet", StringComparison.Ordinal)))
        {
            var batch = data[..^".parquet".Length];
            if (!objects.ContainsKey(batch + ".manifest.json"))
            {
                leftovers.Add($"{batch} data object without a manifest (killed in or right after its PUT)");
                continue;
            }

            withManifest.Add(data);
            if (objects.GetValueOrDefault(batch + ArchiveMarker.Suffix) == ArchiveMarker.Length)
            {
                continue;
            }

            using var response = await client.GetObjectAsync(bucket, batch + ".manifest.json");
            using var reader = new StreamReader(response.ResponseStream);
            var whole = ArchiveManifest.TryFromJson(await reader.ReadToEndAsync(), ArchiveLocation.Parse(batch)) is not null;
            leftovers.Add(!whole ? $"{batch} damaged manifest (killed in its PUT)"
                : objects.ContainsKey(batch + ArchiveMarker.Suffix) ? $"{batch} damaged marker (killed in its PUT)"
                : $"{batch} manifest without a marker (killed between the manifest PUT and the marker PUT)");
        }

        return new BucketState(leftovers, withManifest);
    }

    private async Task<List<Row>> TableAsync() =>
        (await db.QueryAsync("SELECT id, payload, amount, created FROM events ORDER BY id"))
            .Select(r => new Row((long)r[0]!, (string?)r[1], (double?)r[2], (DateTime)r[3]!)).ToList();

    /// <summary>Every row of the data objects <paramref name="keys"/> (objects are never rewritten, so each is downloaded once).</summary>
    private async Task<List<Row>> ArchivedAsync(AmazonS3Client client, string bucket, List<string> keys)
    {
        var rows = new List<Row>();
        foreach (var key in keys)
        {
            if (!downloaded.TryGetValue(key, out var data))
            {
                using var response = await client.GetObjectAsync(bucket, key);
                using var body = new MemoryStream();
                await response.ResponseStream.CopyToAsync(body);
                body.Position = 0;
                data = (await ParquetSerializer.DeserializeAsync<PostgresEvents.ParquetEvent>(body)).Data.Select(e => new Row(e.id!.Value, e.payload, e.amount, e.created!.Value)).ToList();
                downloaded[key] = data;
            }

            rows.AddRange(data);
        }

        return rows;
    }

    private static string Canonical(Row r) => JsonSerializer.Serialize(new object?[]
    {
        r.Id, r.Payload, r.Amount?.ToString("R", CultureInfo.InvariantCulture),
        DateTime.SpecifyKind(r.Created.Kind == DateTimeKind.Local ? r.Created.ToUniversalTime() : r.Created, DateTimeKind.Utc)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
    });

    private sealed record Row(long Id, string? Payload, double? Amount, DateTime Created);
}
