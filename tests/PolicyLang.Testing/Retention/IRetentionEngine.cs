using PolicyLang.Runtime.Audit;
using PolicyLang.Runtime.Reporting;

namespace PolicyLang.Testing.Retention;

/// <summary>
/// A store under the kill suite: it holds the events of <see cref="EventsPolicy"/> (ids 1..expired older than the window, then
/// fresh ones), runs the policy in this process or in <see cref="FaultHost"/>, and reads back table, archive and audit trail
/// as canonical row strings. Every store implements it once; the suite is written once.
/// </summary>
internal interface IRetentionEngine : IAsyncDisposable
{
    string Name { get; }

    Task SeedAsync(int expired, int fresh);

    Task<List<string>> TableRowsAsync();

    /// <summary>Every row of archived data objects that have a manifest (what the archive holds), by id.</summary>
    Task<List<string>> ArchivedRowsAsync();

    Task<IReadOnlyList<AuditRecord>> AuditAsync();

    /// <summary>Runs the policy in this process, checks off, as the host runs it.</summary>
    Task<RunReport> RunAsync(int batchSize);

    /// <summary>Runs the policy in <see cref="FaultHost"/> until it kills itself at (<paramref name="point"/>, <paramref name="batch"/>).</summary>
    string RunHostToFault(string point, int batch);
}
