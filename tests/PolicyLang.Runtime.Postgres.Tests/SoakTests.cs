using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Parquet.Serialization;
using Xunit;
using Xunit.Abstractions;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>
/// The soak of issue 19: PostgreSQL → S3 retention (the local s3rver, which does not write atomically) SIGKILLed at random moments,
/// then run to the end: 0 rows lost, 0 duplicated, and every run that was not killed exits 0. POLICYLANG_SOAK sets the number of
/// kills (the suite runs 3; the closing figures in docs/runtime.md are from 50).
/// </summary>
public sealed class SoakTests(PgDatabase db, ITestOutputHelper output) : IClassFixture<PgDatabase>
{
    private const string Variable = "POLICYLANG_SOAK";
    private const int TopUp = 500;

    [Fact]
    public async Task Random_kills_during_postgres_to_s3_retention_converge_with_nothing_lost_or_duplicated()
    {
        var kills = int.Parse(Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } n ? n : "3", CultureInfo.InvariantCulture);
        var random = new Random(19);
        using var dir = new TempDir();
        await db.ExecAsync("DROP TABLE IF EXISTS events",
            "CREATE TABLE events (id bigint PRIMARY KEY, payload text, amount double precision, created timestamptz NOT NULL)",
            "CREATE INDEX ON events (created, id)");
        var bucket = await S3Env.NewBucketAsync();
        await SeedAsync(1, TopUp, fresh: 40);
        var next = TopUp + 41;
        var original = await TableAsync();

        var (killed, completed, clock) = (0, 0, Stopwatch.StartNew());
        while (killed < kills)
        {
            if (await db.ScalarAsync($"SELECT count(*) FROM events WHERE created < '{M.Now.AddDays(-30):yyyy-MM-dd}'") < TopUp / 2)
            {
                // Keep expired rows coming, so every kill lands in the middle of retention work.
                await SeedAsync(next, next + TopUp - 1, fresh: 0);
                original = original.Concat((await TableAsync()).Where(r => r.Id >= next)).ToList();
                next += TopUp;
            }
            var (exit, output) = await RunHostAsync(dir, bucket, killAfter: TimeSpan.FromMilliseconds(random.Next(800, 6000)));
            if (exit is null) { killed++; continue; }
            completed++;
            Assert.True(exit == 0, $"an unkilled run exited {exit}: {output}");
        }
        var leftForFinal = await db.ScalarAsync($"SELECT count(*) FROM events WHERE created < '{M.Now.AddDays(-30):yyyy-MM-dd}'");
        var (final, finalOutput) = await RunHostAsync(dir, bucket, killAfter: null);
        Assert.True(final == 0, $"the converging run exited {final}: {finalOutput}");
        var (later, laterOutput) = await RunHostAsync(dir, bucket, killAfter: null);
        Assert.True(later == 0, $"a later run exited {later}: {laterOutput}");

        var expired = original.Where(r => r.Created < M.Now.AddDays(-30)).ToList();
        var archived = await ArchivedAsync(bucket);
        var duplicated = archived.Count - archived.Select(r => r.Id).Distinct().Count();
        var lost = expired.Select(Canonical).Except(archived.Select(Canonical)).Count();
        output.WriteLine($"soak: {killed} SIGKILLs, {completed} runs finished before their kill, {original.Count} rows ({expired.Count} expired), " +
            $"{archived.Count} archived ({archived.Count - leftForFinal} by the killed runs), {lost} lost, {duplicated} duplicated, final runs exit {final} and {later}, {clock.Elapsed.TotalSeconds:0} s");
        Assert.Equal(0, duplicated);
        Assert.Equal(0, lost);
        Assert.Equal(expired.Select(Canonical).Order(StringComparer.Ordinal), archived.Select(Canonical).Order(StringComparer.Ordinal));
        Assert.Equal(original.Except(expired).Select(Canonical), (await TableAsync()).Select(Canonical));
    }

    private Task SeedAsync(int from, int to, int fresh) => db.ExecAsync($"""
        INSERT INTO events
        SELECT g,
               CASE WHEN g % 7 = 0 THEN NULL ELSE 'payload "' || g || E'" \'; ünïcødé ✓ 🙂 ,\n' || repeat('x', g % 50) END,
               CASE WHEN g % 11 = 0 THEN 'NaN'::float8 WHEN g % 13 = 0 THEN '-Infinity'::float8 WHEN g % 5 = 0 THEN NULL ELSE g * 1.25 + 1.0 / 3 END,
               CASE WHEN g <= {to} THEN timestamptz '{M.Now.AddDays(-100):yyyy-MM-dd HH:mm:ss}+00' + (g % 997) * interval '1 minute 1.234567 second'
                    ELSE timestamptz '{M.Now.AddDays(-1):yyyy-MM-dd HH:mm:ss}+00' + g * interval '1 second' END
        FROM generate_series({from}, {to + fresh}) g
        """);

    private async Task<(int? Exit, string Output)> RunHostAsync(TempDir dir, string bucket, TimeSpan? killAfter)
    {
        var start = FaultHost.Start("postgres", dir.Path, "none", 0, new Dictionary<string, string>
        {
            [M.PostgresVariable] = db.ConnectionString, ["FAULTHOST_BATCH_SIZE"] = "50",
            ["AWS_ACCESS_KEY_ID"] = "S3RVER", ["AWS_SECRET_ACCESS_KEY"] = "S3RVER", ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["POLICYLANG_TEMP"] = Path.Combine(dir.Path, "tmp"),
        }, S3Env.Url, bucket);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(killAfter ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // SIGKILL: no finally blocks, no rollback, no cleanup.
            process.Kill();
            await process.WaitForExitAsync();
            Assert.True(killAfter is not null, "the converging run did not finish within 5 minutes");
            return (null, "");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private async Task<List<Row>> TableAsync() =>
        (await db.QueryAsync("SELECT id, payload, amount, created FROM events ORDER BY id"))
            .Select(r => new Row((long)r[0]!, (string?)r[1], (double?)r[2], (DateTime)r[3]!)).ToList();

    /// <summary>Every row of every data object that has a manifest.</summary>
    private static async Task<List<Row>> ArchivedAsync(string bucket)
    {
        using var client = S3Env.Client();
        var keys = (await S3Env.ListAsync(bucket)).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        var rows = new List<Row>();
        foreach (var key in keys.Where(k => k.EndsWith(".parquet", StringComparison.Ordinal) && keys.Contains(k[..^".parquet".Length] + ".manifest.json")))
        {
            using var response = await client.GetObjectAsync(bucket, key);
            using var body = new MemoryStream();
            await response.ResponseStream.CopyToAsync(body);
            body.Position = 0;
            rows.AddRange((await ParquetSerializer.DeserializeAsync<PostgresEvents.ParquetEvent>(body)).Data.Select(e => new Row(e.id!.Value, e.payload, e.amount, e.created!.Value)));
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
