namespace PolicyLang.Runtime.Audit;

/// <summary>
/// Forwards to the run's audit sink and remembers the hash of the last record appended, whoever appended it (the runner,
/// the retention protocol, or a store applying access), so the run report's audit head is the trail's real head.
/// </summary>
internal sealed class HeadTrackingAuditSink(IAuditSink inner, Action<string?> onAppended) : IAuditSink
{
    public async Task<AuditRecord> AppendAsync(AuditEntry entry, DateTimeOffset timestamp, CancellationToken ct)
    {
        var record = await inner.AppendAsync(entry, timestamp, ct).ConfigureAwait(false);
        onAppended(record.Hash);
        return record;
    }

    public Task<IReadOnlyList<AuditRecord>> ReadAllAsync(CancellationToken ct) => inner.ReadAllAsync(ct);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
