using System.Text.Json;
using PolicyLang.Runtime.Running;
using Xunit;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>Cases RetentionPropertyTests found, kept as plain examples.</summary>
public sealed class RetentionRegressionTests(PgDatabase db) : IClassFixture<PgDatabase>, IDisposable
{
    private readonly TempDir dir = new();
    private readonly string table = "events_" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Json_lines_archive_non_finite_doubles_as_strings()
    {
        // JSON has no NaN or Infinity: the writer threw on them, so a table holding one could never have its rows archived.
        await db.ExecAsync($"CREATE TABLE {table} (id bigint PRIMARY KEY, x double precision, created timestamp)",
            $"INSERT INTO {table} VALUES (1, 'NaN', '2026-01-01'), (2, 'Infinity', '2026-01-01'), (3, '-Infinity', '2026-01-01'), (4, 1.5, '2026-01-01')");
        var report = await M.RunPostgresAsync(PostgresEvents.Policy(M.Retention(format: "jsonl"), table), M.PostgresOptions(db.ConnectionString, dir.Path));
        Assert.Null(report.Retention.Single().Error);
        var lines = Directory.GetFiles(dir.Archive, "*.jsonl", SearchOption.AllDirectories).Where(f => !f.Contains("audit", StringComparison.Ordinal))
            .SelectMany(File.ReadAllLines).Select(line => JsonDocument.Parse(line).RootElement).OrderBy(e => e.GetProperty("id").GetInt64());
        Assert.Equal(["\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1.5"], lines.Select(e => e.GetProperty("x").GetRawText()));
    }

    [Fact]
    public async Task A_recovered_anonymize_batch_is_not_anonymized_or_counted_again()
    {
        // The crash comes after batch 1's update committed; the rerun finishes the batch from its manifest and must find
        // nothing left to anonymize in it.
        await PostgresEvents.SeedAsync(db, expired: 5, fresh: 2, table);
        var policy = PostgresEvents.Policy(M.Retention(action: "anonymize", columns: ["payload"]), table);
        var options = M.PostgresOptions(db.ConnectionString, dir.Path, batchSize: 2);
        var crashed = await M.RunPostgresAsync(policy, new RunOptions
        {
            BaseDirectory = dir.Path, Now = M.Now, BatchSize = 2, Environment = options.Environment,
            FaultInjection = p => p is { Name: FaultPoint.AfterDelete, Batch: 1 } ? throw new IOException("crash") : ValueTask.CompletedTask,
        });
        Assert.Equal(2, crashed.Retention.Single().Anonymized);
        var rerun = (await M.RunPostgresAsync(policy, options)).Retention.Single();
        Assert.Equal((1, 3L), (rerun.Recovered, rerun.Anonymized));
        Assert.Equal(0, await db.ScalarAsync($"SELECT count(*) FROM {table} WHERE id <= 5 AND payload IS NOT NULL"));
    }
}
