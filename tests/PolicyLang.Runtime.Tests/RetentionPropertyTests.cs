using PolicyLang.Runtime.Reporting;
using PolicyLang.Testing;
using PolicyLang.Testing.RetentionProperties;
using Xunit;

namespace PolicyLang.Runtime.Tests;

/// <summary>
/// Retention on generated tables (RetentionCases, fixed seeds; in PostgreSQL small chunks, with and without an index on the
/// retention column), once, over every store that retains rows: a dry run changes nothing and counts right, the run (or a run
/// crashed at a fault point and its rerun) keeps the promise exactly (RetentionInvariant), and a second run does nothing.
/// </summary>
public sealed class RetentionPropertyTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    public static IEnumerable<object[]> Seeds => RetentionCases.Seeds(60);

    [Theory]
    [MemberData(nameof(Seeds))]
    public Task Duckdb_retention_keeps_every_row_in_the_table_or_the_archive_exactly_once(int seed) => KeepsEveryRowOnceAsync(new DuckDbPropertyEngine(), seed);

    [Theory]
    [MemberData(nameof(Seeds))]
    public Task Postgres_retention_keeps_every_row_in_the_table_or_the_archive_exactly_once(int seed) => KeepsEveryRowOnceAsync(new PostgresPropertyEngine(db), seed);

    private static async Task KeepsEveryRowOnceAsync(IRetentionPropertyEngine engine, int seed)
    {
        await using var _ = engine;
        var c = RetentionCases.Generate(seed, engine.Dialect);
        await engine.CreateAsync(c);
        var before = await engine.SnapshotAsync(c);
        var folder = engine.ArchiveFolder;

        var (dry, _) = await engine.RunAsync(c, dryRun: true);
        Assert.True(RetentionInvariant.Processed(c, before).Count == dry.WouldProcess, $"{c}: a dry run counts {dry.WouldProcess} rows");
        before.AssertSame(await engine.SnapshotAsync(c), $"{c}: dry run");
        Assert.Empty(RetentionInvariant.Contents(folder));

        // A crashed run (its exception stands for the process dying: the open delete is rolled back) is followed by a rerun,
        // which must complete the work.
        var (first, crashed) = await engine.RunAsync(c, crash: true);
        RetentionResult[] runs = crashed ? [first, (await engine.RunAsync(c)).Result] : [first];
        var after = await engine.SnapshotAsync(c);
        RetentionInvariant.Check(c, before, after, await engine.ArchiveAsync(c), runs);

        var archived = RetentionInvariant.Contents(folder);
        var (again, _) = await engine.RunAsync(c);
        Assert.Equal((0L, 0L, 0L, 0), (again.Archived, again.Deleted, again.Anonymized, again.Batches));
        after.AssertSame(await engine.SnapshotAsync(c), $"{c}: second run");
        Assert.Equal(archived, RetentionInvariant.Contents(folder));
    }
}
