using System.Text;
using System.Text.Json;
using PolicyLang.Runtime.Audit;

namespace PolicyLang.Runtime.Stores.Folder;

/// <summary>An audit trail as a JSON Lines file: one record per line, appended and flushed to disk.</summary>
public sealed class FolderAuditSink : ChainedAuditSink
{
    private readonly string file;

    /// <summary>Opens (or will create) the trail at <paramref name="file"/>.</summary>
    public FolderAuditSink(string file, string policy, bool tamperEvident) : base(policy, tamperEvident) => this.file = file;

    /// <summary>The trail's file.</summary>
    public string File => file;

    /// <inheritdoc />
    protected override async Task WriteAsync(AuditRecord record, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var line = Encoding.UTF8.GetBytes(AuditJson.Serialize(record) + "\n");
        await using var stream = new FileStream(file, FileMode.Append, FileAccess.Write, FileShare.Read);
        await stream.WriteAsync(line, ct).ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<AuditRecord>> ReadAllAsync(CancellationToken ct)
    {
        if (Directory.Exists(file))
        {
            // Not an empty trail: verifying it would pass, and every append would fail.
            throw new RunException($"the audit trail '{file}' is a folder, not a file");
        }

        if (!System.IO.File.Exists(file))
        {
            return [];
        }

        var records = new List<AuditRecord>();
        var number = 0;
        foreach (var line in await System.IO.File.ReadAllLinesAsync(file, ct).ConfigureAwait(false))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            try { records.Add(AuditJson.Deserialize(line)); }
            catch (JsonException ex) { throw new InvalidDataException($"audit trail '{file}' line {number} is not a record: {ex.Message}", ex); }
        }

        return records;
    }
}

/// <summary>The stored JSON form of an audit record (timestamps kept as the canonical text so hashes survive).</summary>
public static class AuditJson
{
    private sealed record Stored(long Sequence, string Timestamp, string Policy, string Action, string? Dataset, string Details,
        Dictionary<string, long> Counts, string? PreviousHash, string? Hash);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>One line of JSON.</summary>
    public static string Serialize(AuditRecord r) => JsonSerializer.Serialize(
        new Stored(r.Sequence, AuditChain.FormatTimestamp(r.Timestamp), r.Policy, r.Action, r.Dataset, r.Details,
            r.Counts.ToDictionary(kv => kv.Key, kv => kv.Value), r.PreviousHash, r.Hash), Options);

    /// <summary>Reads one line written by <see cref="Serialize"/>.</summary>
    public static AuditRecord Deserialize(string json)
    {
        var s = JsonSerializer.Deserialize<Stored>(json, Options) ?? throw new JsonException("empty record");
        return new AuditRecord(s.Sequence, AuditChain.ParseTimestamp(s.Timestamp), s.Policy, s.Action, s.Dataset, s.Details,
            s.Counts ?? [], s.PreviousHash, s.Hash);
    }
}
