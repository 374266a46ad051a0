namespace PolicyLang.Runtime.Audit;

/// <summary>What an enforcement action reports to the audit trail.</summary>
/// <param name="Action">check | archive | verify | delete | anonymize | dry-run | recover.</param>
/// <param name="Dataset">The dataset acted on, if any.</param>
/// <param name="Details">One line of human-readable detail (archive object, rule summary...).</param>
/// <param name="Counts">Named counts (rows, violations...).</param>
public sealed record AuditEntry(string Action, string? Dataset, string Details, IReadOnlyDictionary<string, long> Counts);

/// <summary>
/// One appended audit record. <see cref="Sequence"/> increases by one per record so a deleted record leaves a gap;
/// with tamper-evidence, <see cref="Hash"/> is SHA-256 over <see cref="AuditChain.Canonical"/>, which includes <see cref="PreviousHash"/>.
/// </summary>
public sealed record AuditRecord(
    long Sequence,
    DateTimeOffset Timestamp,
    string Policy,
    string Action,
    string? Dataset,
    string Details,
    IReadOnlyDictionary<string, long> Counts,
    string? PreviousHash,
    string? Hash);

/// <summary>Appends records to an audit trail and reads it back.</summary>
public interface IAuditSink : IAsyncDisposable
{
    /// <summary>Appends <paramref name="entry"/> stamped with <paramref name="timestamp"/>; returns the stored record.</summary>
    Task<AuditRecord> AppendAsync(AuditEntry entry, DateTimeOffset timestamp, CancellationToken ct);

    /// <summary>Every record in stored order.</summary>
    Task<IReadOnlyList<AuditRecord>> ReadAllAsync(CancellationToken ct);
}
