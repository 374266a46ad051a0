using PolicyLang.Runtime.Reporting;

namespace PolicyLang.Testing.RetentionProperties;

/// <summary>
/// A store under the retention property suite: it creates a generated case's table the way its store holds it, runs
/// <see cref="Runtime.Retention.RetentionProtocol"/> on it (archiving to the folder <see cref="ArchiveFolder"/>), and reads
/// table and archive back as canonical values. Every store implements it once; the suite is written once.
/// </summary>
internal interface IRetentionPropertyEngine : IAsyncDisposable
{
    /// <summary>The engine's name in messages: duckdb, postgres.</summary>
    string Name { get; }

    /// <summary>The dialect the engine's cases are generated in.</summary>
    Dialect Dialect { get; }

    /// <summary>The dataset's folder in the archive.</summary>
    string ArchiveFolder { get; }

    /// <summary>Creates the case's table (its own: no two cases share one) with its rows.</summary>
    Task CreateAsync(RetentionCase c);

    /// <summary>Every column's canonical value, keyed by the key's text form (what manifests record).</summary>
    Task<TableRows> SnapshotAsync(RetentionCase c);

    /// <summary>Runs the protocol once; a crash at the case's fault point (<paramref name="crash"/>) returns its partial result.</summary>
    Task<(RetentionResult Result, bool Crashed)> RunAsync(RetentionCase c, bool dryRun = false, bool crash = false);

    /// <summary>Each archive object's rows, in the table's column order, canonicalized as <see cref="SnapshotAsync"/> does.</summary>
    Task<List<ArchivedObject>> ArchiveAsync(RetentionCase c);
}
