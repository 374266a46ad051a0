using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PolicyLang.Runtime.Audit;

/// <summary>The canonical form and hash of audit records, shared by every sink and the verifier.</summary>
public static class AuditChain
{
    /// <summary>Timestamps are stored and hashed in this exact form so a round trip through any store keeps the hash.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>
    /// A compact JSON array: [sequence, timestamp, policy, action, dataset, details, [[count, value]...] sorted ordinally, previousHash].
    /// An array (not an object) so field order is fixed by construction.
    /// </summary>
    public static string Canonical(AuditRecord r)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            w.WriteNumberValue(r.Sequence);
            w.WriteStringValue(FormatTimestamp(r.Timestamp));
            w.WriteStringValue(r.Policy);
            w.WriteStringValue(r.Action);
            if (r.Dataset is null)
            {
                w.WriteNullValue();
            }
            else
            {
                w.WriteStringValue(r.Dataset);
            }

            w.WriteStringValue(r.Details);
            w.WriteStartArray();
            foreach (var (k, v) in r.Counts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.WriteStartArray();
                w.WriteStringValue(k);
                w.WriteNumberValue(v);
                w.WriteEndArray();
            }

            w.WriteEndArray();
            if (r.PreviousHash is null)
            {
                w.WriteNullValue();
            }
            else
            {
                w.WriteStringValue(r.PreviousHash);
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Lower-case hex SHA-256 of the canonical form.</summary>
    public static string ComputeHash(AuditRecord r) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(r)))).ToLowerInvariant();

    /// <summary>The timestamp in <see cref="TimestampFormat"/> (UTC).</summary>
    public static string FormatTimestamp(DateTimeOffset t) => t.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses <see cref="FormatTimestamp"/> output.</summary>
    public static DateTimeOffset ParseTimestamp(string s) =>
        DateTimeOffset.ParseExact(s, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Builds the next record after <paramref name="last"/> (null for the first), hashing when <paramref name="tamperEvident"/>.</summary>
    public static AuditRecord Next(AuditRecord? last, string policy, AuditEntry entry, DateTimeOffset timestamp, bool tamperEvident)
    {
        // Round the timestamp to what the canonical form keeps, so the stored record hashes the same after a round trip.
        var stamp = ParseTimestamp(FormatTimestamp(timestamp));
        var record = new AuditRecord((last?.Sequence ?? 0) + 1, stamp, policy, entry.Action, entry.Dataset, entry.Details,
            new SortedDictionary<string, long>(entry.Counts.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal),
            tamperEvident ? last?.Hash ?? "" : null, null);
        return tamperEvident ? record with { Hash = ComputeHash(record) } : record;
    }
}

/// <summary>
/// A sink that keeps the chain (sequence and previous hash) once for every store: subclasses only load the last record and write one.
/// Not safe for concurrent writers across processes; one runner writes a policy's trail at a time.
/// </summary>
public abstract class ChainedAuditSink : IAuditSink
{
    private AuditRecord? last;
    private bool loaded;

    /// <summary>Creates the sink for <paramref name="policy"/>.</summary>
    protected ChainedAuditSink(string policy, bool tamperEvident)
    {
        Policy = policy;
        TamperEvident = tamperEvident;
    }

    /// <summary>The policy whose actions are recorded.</summary>
    protected string Policy { get; }

    /// <summary>Whether records are hash-chained.</summary>
    protected bool TamperEvident { get; }

    /// <inheritdoc />
    public async Task<AuditRecord> AppendAsync(AuditEntry entry, DateTimeOffset timestamp, CancellationToken ct)
    {
        if (!loaded)
        {
            var all = await ReadAllAsync(ct).ConfigureAwait(false);
            last = all.Count == 0 ? null : all[^1];
            loaded = true;
        }

        var record = AuditChain.Next(last, Policy, entry, timestamp, TamperEvident);
        await WriteAsync(record, ct).ConfigureAwait(false);
        last = record;
        return record;
    }

    /// <summary>Durably appends one record.</summary>
    protected abstract Task WriteAsync(AuditRecord record, CancellationToken ct);

    /// <inheritdoc />
    public abstract Task<IReadOnlyList<AuditRecord>> ReadAllAsync(CancellationToken ct);

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
