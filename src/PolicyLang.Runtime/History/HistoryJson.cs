using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PolicyLang.Runtime.History;

/// <summary>A history record as one JSON object with the schema's names (<see cref="HistoryColumns"/>): the JSON Lines form of a folder store.</summary>
public static class HistoryJson
{
    /// <summary>One line (no line break) for <paramref name="r"/>, recorded at <paramref name="recordedAt"/>.</summary>
    public static string Serialize(HistoryRecord r, DateTimeOffset recordedAt)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            var values = HistoryColumns.Values(r);
            for (var i = 0; i < values.Length; i++)
            {
                var name = HistoryColumns.All[i];
                switch (values[i])
                {
                    case null: w.WriteNull(name); break;
                    case DateTimeOffset t: w.WriteString(name, Timestamp(t)); break;
                    case long n: w.WriteNumber(name, n); break;
                    case double d: w.WriteNumber(name, d); break;
                    default: w.WriteString(name, Convert.ToString(values[i], CultureInfo.InvariantCulture)); break;
                }
            }

            w.WriteString("recorded_at", Timestamp(recordedAt));
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The record of one line; null when the line is not a whole record (a write cut short by a crash).</summary>
    public static HistoryRecord? Parse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object || !o.TryGetProperty("run_at", out var runAt) || !o.TryGetProperty("policy", out _))
            {
                return null;
            }

            return HistoryFields.Read(DateTimeOffset.Parse(runAt.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                name => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null,
                name => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0,
                name => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The canonical timestamp text: UTC, ISO 8601, 7 fractional digits.</summary>
    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
