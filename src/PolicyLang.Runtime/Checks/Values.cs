using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Xml;

namespace PolicyLang.Runtime.Checks;

/// <summary>
/// The one text form of a value wherever the runtime shows one (samples, keys, plans, summaries, audit details), whatever
/// the machine's locale: ISO 8601 for dates and times, the invariant culture for numbers (docs/values-and-types.md).
/// </summary>
public static class Values
{
    /// <summary>An instant: <c>2030-01-01T00:00:00Z</c>, <c>2025-03-04T13:45:01.5Z</c> (UTC, fractional seconds only when present).</summary>
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    /// <summary>A date: <c>2025-03-04</c>.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>A time of day: <c>13:45:01</c>, <c>13:45:01.5</c>.</summary>
    public const string TimeFormat = "HH:mm:ss.FFFFFFF";

    /// <summary>
    /// The invariant text of <paramref name="value"/>: instants as ISO 8601 UTC, dates <c>yyyy-mm-dd</c>, times of day
    /// <c>HH:mm:ss[.fffffff]</c>, durations as ISO 8601 (<c>P3DT4H</c>), numbers with <c>.</c> and no grouping (doubles
    /// round-trip), booleans <c>true</c>/<c>false</c>, bytes as lower-case hex, documents and arrays as JSON.
    /// </summary>
    public static string? ToInvariantString(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset d => Instant(d),
        DateTime d => Instant(new DateTimeOffset(AsUtc(d))),
        DateOnly d => Date(d),
        TimeOnly t => t.ToString(TimeFormat, CultureInfo.InvariantCulture),
        TimeSpan t => XmlConvert.ToString(t),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        float x => x.ToString("R", CultureInfo.InvariantCulture),
        BigInteger x => x.ToString(CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes).ToLowerInvariant(),
        IReadOnlyDictionary<string, object?> or object?[] => Json(value),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>An instant as ISO 8601 UTC (<see cref="InstantFormat"/>).</summary>
    public static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    /// <summary>A date as <c>yyyy-mm-dd</c>.</summary>
    public static string Date(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>A count in invariant digits (no grouping, whatever the locale).</summary>
    public static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Treats an unspecified <see cref="DateTime"/> as UTC (what drivers return for TIMESTAMP) and converts local ones.</summary>
    public static DateTime AsUtc(DateTime d) => d.Kind switch
    {
        DateTimeKind.Utc => d,
        DateTimeKind.Local => d.ToUniversalTime(),
        _ => DateTime.SpecifyKind(d, DateTimeKind.Utc),
    };

    // Nested values (a MongoDB document's fields) keep the same text forms as top-level ones.
    private static string Json(object value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteJson(writer, value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null or DBNull: writer.WriteNullValue(); break;
            case IReadOnlyDictionary<string, object?> document:
                writer.WriteStartObject();
                foreach (var (name, field) in document)
                {
                    writer.WritePropertyName(name);
                    WriteJson(writer, field);
                }

                writer.WriteEndObject();
                break;
            case object?[] array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            case bool b: writer.WriteBooleanValue(b); break;
            case long or int or short or decimal or BigInteger: writer.WriteRawValue(ToInvariantString(value)!); break;
            case double d when double.IsFinite(d): writer.WriteNumberValue(d); break;
            default: writer.WriteStringValue(ToInvariantString(value)); break;
        }
    }
}
