using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Running;
using PolicyLang.Testing;
using PolicyLang.Testing.Retention;
using Xunit;

namespace PolicyLang.Runtime.Tests;

/// <summary>
/// Kills a real process (FaultHost) at each retention fault point, reruns, and checks that table ∪ archive is exactly the
/// original rows — once, over every store: DuckDB, DuckDB archiving to S3, PostgreSQL, MongoDB (live only with a server).
/// </summary>
public sealed class KillTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    public static TheoryData<string, int> Points() => new()
    {
        { FaultPoint.AfterArchive, 2 },
        { FaultPoint.AfterVerify, 2 },
        { FaultPoint.MidDelete, 2 },
        { FaultPoint.AfterDelete, 2 },
        { FaultPoint.MidDelete, 1 },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public Task Duckdb_kill_at_any_point_loses_and_duplicates_nothing(string point, int batch) => KillAtAsync(new DuckDbRetentionEngine(), point, batch);

    [Theory]
    [MemberData(nameof(Points))]
    public Task S3_archive_kill_at_any_point_loses_and_duplicates_nothing(string point, int batch) => KillAtAsync(new DuckDbRetentionEngine(s3: true), point, batch);

    [Theory]
    [MemberData(nameof(Points))]
    public Task Postgres_kill_at_any_point_loses_and_duplicates_nothing(string point, int batch) => KillAtAsync(new PostgresRetentionEngine(db), point, batch);

    [LiveMongoTheory]
    [MemberData(nameof(Points))]
    public Task Mongodb_kill_at_any_point_loses_and_duplicates_nothing(string point, int batch) => KillAtAsync(new MongoDbRetentionEngine(), point, batch);

    [Fact]
    public Task Duckdb_kill_while_recovering_is_recovered_too() => KillWhileRecoveringAsync(new DuckDbRetentionEngine());

    [Fact]
    public Task S3_archive_kill_while_recovering_is_recovered_too() => KillWhileRecoveringAsync(new DuckDbRetentionEngine(s3: true));

    [Fact]
    public Task Postgres_kill_while_recovering_is_recovered_too() => KillWhileRecoveringAsync(new PostgresRetentionEngine(db));

    [LiveMongoFact]
    public Task Mongodb_kill_while_recovering_is_recovered_too() => KillWhileRecoveringAsync(new MongoDbRetentionEngine());

    private static async Task KillAtAsync(IRetentionEngine engine, string point, int batch)
    {
        await using var _ = engine;
        await engine.SeedAsync(expired: 17, fresh: 8);
        var original = await engine.TableRowsAsync();

        Assert.Contains($"FAULT {point} {batch}", engine.RunHostToFault(point, batch));
        await AssertNothingLostAsync(engine, original);
        await AssertRecoveredAsync(engine, original);
    }

    private static async Task KillWhileRecoveringAsync(IRetentionEngine engine)
    {
        await using var _ = engine;
        await engine.SeedAsync(expired: 17, fresh: 8);
        var original = await engine.TableRowsAsync();

        Assert.Contains("FAULT after-verify 3", engine.RunHostToFault(FaultPoint.AfterVerify, 3));
        // Batch 0 is a batch recovered from the earlier run.
        Assert.Contains("FAULT mid-delete 0", engine.RunHostToFault(FaultPoint.MidDelete, 0));
        await AssertNothingLostAsync(engine, original);
        await AssertRecoveredAsync(engine, original);
    }

    private static async Task AssertNothingLostAsync(IRetentionEngine engine, List<string> original)
    {
        // Between crash and rerun a row may be in both places (archived, not yet deleted) but never in neither, and never archived twice.
        var archived = await engine.ArchivedRowsAsync();
        var present = (await engine.TableRowsAsync()).Concat(archived).ToHashSet();
        Assert.All(original, row => Assert.Contains(row, present));
        Assert.Equal(archived.Count, archived.Distinct().Count());
    }

    private static async Task AssertRecoveredAsync(IRetentionEngine engine, List<string> original)
    {
        var report = await engine.RunAsync(batchSize: 5);
        Assert.Null(report.Retention.Single().Error);
        Assert.Equal(original.Take(17), await engine.ArchivedRowsAsync());
        Assert.Equal(original.Skip(17), await engine.TableRowsAsync());
        var records = await engine.AuditAsync();
        Assert.Empty(AuditVerifier.Verify(records));
        Assert.Contains(records, r => r.Action == "recover");
    }
}
