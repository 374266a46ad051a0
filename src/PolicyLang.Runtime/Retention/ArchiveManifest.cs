using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyLang.Runtime.Retention;

/// <summary>Where an archive batch lives: <c>&lt;policy&gt;/&lt;dataset&gt;/&lt;cutoff&gt;/&lt;batch&gt;</c>; every part derives deterministically from the batch.</summary>
public sealed record ArchiveLocation(string Policy, string Dataset, string Cutoff, string Batch)
{
    /// <summary>
    /// The location of a batch: the cutoff as <c>yyyyMMddTHHmmssZ</c> and the batch as 16 hex digits of
    /// SHA-256(policy, dataset, cutoff, first key, last key), so a rerun of the same batch finds the same object.
    /// </summary>
    public static ArchiveLocation For(string policy, string dataset, DateTimeOffset cutoff, string firstKey, string lastKey)
    {
        var label = cutoff.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var hash = ArchiveManifest.Sha256Hex(string.Join('\0', policy, dataset, label, firstKey, lastKey));
        return new ArchiveLocation(policy, dataset, label, hash[..16]);
    }

    /// <summary>The cutoff as an instant (the label is <c>yyyyMMddTHHmmssZ</c>).</summary>
    public DateTimeOffset CutoffInstant =>
        DateTimeOffset.ParseExact(Cutoff, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>The location of the batch whose objects are named <paramref name="batchPath"/>.<c>*</c> (<c>&lt;policy&gt;/&lt;dataset&gt;/&lt;cutoff&gt;/&lt;batch&gt;</c>).</summary>
    public static ArchiveLocation Parse(string batchPath)
    {
        var parts = batchPath.Split('/');
        return new ArchiveLocation(parts[^4], parts[^3], parts[^2], parts[^1]);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Policy}/{Dataset}/{Cutoff}/{Batch}";
}

/// <summary>
/// Describes one archived batch. Written after its data object, so its presence means the object is complete;
/// <see cref="CompletedAt"/> is set once the source rows are deleted (or anonymized).
/// </summary>
public sealed record ArchiveManifest
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The object's location.</summary>
    public required ArchiveLocation Location { get; init; }
    /// <summary>parquet | jsonl.</summary>
    public required string Format { get; init; }
    /// <summary>delete | anonymize: what happens to the source rows.</summary>
    public required string Action { get; init; }
    /// <summary>The retention cutoff the batch was selected with.</summary>
    public required DateTimeOffset Cutoff { get; init; }
    /// <summary>The dataset's key column; for a composite key its columns joined by <c>", "</c> (see <see cref="KeyColumns"/>).</summary>
    public required string KeyColumn { get; init; }
    /// <summary>
    /// A composite key's columns in the key's order (each key is then a JSON array of their texts, <see cref="RetentionKeys"/>);
    /// null (not written) for a one-column key, so such manifests read as before.
    /// </summary>
    public IReadOnlyList<string>? KeyColumns { get; init; }
    /// <summary>The batch's keys (invariant text), ordered as selected; the delete removes exactly these.</summary>
    public required IReadOnlyList<string> Keys { get; init; }
    /// <summary>SHA-256 of the keys joined by newlines.</summary>
    public required string KeysSha256 { get; init; }
    /// <summary>Rows in the object.</summary>
    public long RowCount { get; init; }
    /// <summary>Lower-case hex SHA-256 of the object's bytes.</summary>
    public string Sha256 { get; init; } = "";
    /// <summary>When the object was written.</summary>
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>When the source rows were removed; null while the batch is incomplete.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The data object's file extension.</summary>
    [JsonIgnore]
    public string Extension => Format == "jsonl" ? "jsonl" : "parquet";

    /// <summary>First key of the batch.</summary>
    [JsonIgnore]
    public string FirstKey => Keys[0];

    /// <summary>Last key of the batch.</summary>
    [JsonIgnore]
    public string LastKey => Keys[^1];

    /// <summary>What <see cref="KeyColumns"/> records for a key of <paramref name="columns"/>: them when there are several, else null.</summary>
    public static IReadOnlyList<string>? Composite(IReadOnlyList<string> columns) => columns.Count > 1 ? columns : null;

    /// <summary>SHA-256 of <paramref name="keys"/> joined by newlines.</summary>
    public static string HashKeys(IEnumerable<string> keys) => Sha256Hex(string.Join('\n', keys));

    /// <summary>SHA-256 of <paramref name="keys"/> sorted ordinally and joined by newlines: the same whatever order a store wrote its rows in.</summary>
    public static string HashSortedKeys(IEnumerable<string> keys) => HashKeys(keys.Order(StringComparer.Ordinal));

    /// <summary>Lower-case hex SHA-256 of UTF-8 text.</summary>
    public static string Sha256Hex(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    /// <summary>Lower-case hex SHA-256 of a file's bytes.</summary>
    public static async Task<string> Sha256OfFileAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false)).ToLowerInvariant();
    }

    /// <summary>The manifest as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// The manifest in <paramref name="json"/> when it is whole and belongs to <paramref name="location"/>; null when it is empty, cut
    /// short, unparsable or another batch's (a server that does not write atomically keeps what arrived before a crash).
    /// </summary>
    public static ArchiveManifest? TryFromJson(string json, ArchiveLocation location)
    {
        try
        {
            var manifest = FromJson(json);
            return manifest.Location == location && manifest.Keys is { Count: > 0 } && manifest.KeysSha256 == HashKeys(manifest.Keys)
                && manifest.Sha256.Length == 64 ? manifest : null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Reads a manifest written by <see cref="ToJson"/>.</summary>
    public static ArchiveManifest FromJson(string json) =>
        JsonSerializer.Deserialize<ArchiveManifest>(json, Json) ?? throw new JsonException("empty manifest");
}
