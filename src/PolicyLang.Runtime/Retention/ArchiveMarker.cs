using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PolicyLang.Runtime.Retention;

/// <summary>
/// The <c>&lt;batch&gt;.done</c> object that records a batch complete (its rows deleted or anonymized). It is a new object written
/// once after the delete, never a rewrite of the manifest. Its text has one fixed length, so a listing tells a whole marker from an
/// empty or cut-short one (a server that does not write atomically keeps what arrived before a crash) without reading it.
/// </summary>
public static class ArchiveMarker
{
    /// <summary>The marker's file suffix.</summary>
    public const string Suffix = ".done";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Bytes of every marker (all its fields have fixed widths).</summary>
    public static readonly int Length = Encoding.UTF8.GetByteCount(Text(Example()));

    /// <summary>The marker text of <paramref name="manifest"/>, which must have <see cref="ArchiveManifest.CompletedAt"/>.</summary>
    public static string Text(ArchiveManifest manifest) =>
        $"{{\"batch\":\"{manifest.Location.Batch}\",\"sha256\":\"{manifest.Sha256}\",\"keysSha256\":\"{manifest.KeysSha256}\","
        + $"\"completedAt\":\"{manifest.CompletedAt!.Value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}\"}}\n";

    /// <summary>
    /// When <paramref name="text"/> is a whole marker of <paramref name="manifest"/>'s batch, its completion time; null for an
    /// empty, cut-short, unparsable or foreign marker (then the batch counts as incomplete and is finished again).
    /// </summary>
    public static DateTimeOffset? CompletedAt(string text, ArchiveManifest manifest)
    {
        if (Encoding.UTF8.GetByteCount(text) != Length)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            if (root.GetProperty("batch").GetString() != manifest.Location.Batch || root.GetProperty("sha256").GetString() != manifest.Sha256
                || root.GetProperty("keysSha256").GetString() != manifest.KeysSha256)
            {
                return null;
            }

            return DateTimeOffset.TryParseExact(root.GetProperty("completedAt").GetString(), TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static ArchiveManifest Example() => new()
    {
        Location = new ArchiveLocation("p", "d", "20000101T000000Z", new string('0', 16)), Format = "parquet", Action = "delete",
        Cutoff = DateTimeOffset.UnixEpoch, KeyColumn = "k", Keys = [], KeysSha256 = new string('0', 64), Sha256 = new string('0', 64),
        CompletedAt = DateTimeOffset.UnixEpoch,
    };
}
