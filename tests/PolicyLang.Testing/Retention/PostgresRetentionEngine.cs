using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Reporting;

namespace PolicyLang.Testing.Retention;

/// <summary>
/// The events in a table of the class's database on the test server, archived to a folder; a SIGKILLed host's open transaction
/// and advisory lock die with its connection.
/// </summary>
internal sealed class PostgresRetentionEngine(PgDatabase db) : IRetentionEngine
{
    private readonly TempDir dir = new("pl-kill-");

    public string Name => "postgres";

    public async Task SeedAsync(int expired, int fresh)
    {
        await db.ExecAsync("DROP TABLE IF EXISTS events");
        await PostgresEvents.SeedAsync(db, expired, fresh);
    }

    public Task<List<string>> TableRowsAsync() => PostgresEvents.TableRowsAsync(db);

    public Task<List<string>> ArchivedRowsAsync() => PostgresEvents.ArchivedRowsAsync(dir);

    public Task<IReadOnlyList<AuditRecord>> AuditAsync() => PostgresEvents.AuditAsync(db);

    public async Task<RunReport> RunAsync(int batchSize)
    {
        var report = await M.RunPostgresAsync(EventsPolicy.For("postgres"), M.PostgresOptions(db.ConnectionString, dir.Path, batchSize));
        Xunit.Assert.Empty(report.Errors);
        return report;
    }

    public string RunHostToFault(string point, int batch) =>
        FaultHost.RunToFault(FaultHost.Start("postgres", dir.Path, point, batch, new Dictionary<string, string> { [M.PostgresVariable] = db.ConnectionString }));

    public ValueTask DisposeAsync()
    {
        dir.Dispose();
        return ValueTask.CompletedTask;
    }
}
