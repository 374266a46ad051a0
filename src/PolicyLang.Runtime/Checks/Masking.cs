using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Checks;

/// <summary>Applies a dataset's masks to sample values before they leave the runner (reports, logs).</summary>
public static class Masking
{
    /// <summary>The text shown for <paramref name="value"/> of <paramref name="column"/>: masked when the dataset masks the column.</summary>
    public static string? Show(DatasetModel dataset, string column, object? value)
    {
        var text = Values.ToInvariantString(value);
        var mask = dataset.Masks.FirstOrDefault(m => string.Equals(m.Column, column, StringComparison.OrdinalIgnoreCase));
        return mask is null || text is null ? text : Apply(mask, text);
    }

    /// <summary>Masks <paramref name="text"/> with <paramref name="mask"/>: sha256 (hex of UTF-8), redact (<c>***</c>) or last(n) characters.</summary>
    public static string Apply(MaskModel mask, string text) => mask.Method.ToLowerInvariant() switch
    {
        "sha256" => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant(),
        "last" => Last(text, mask.Keep),
        _ => "***", // redact, and any method this runtime does not know: never show the value
    };

    // Counted in characters (code points), so an astral character is never split into half a surrogate pair;
    // a value no longer than n characters is all stars (the mask never shows a whole value).
    private static string Last(string text, int keep)
    {
        var characters = text.EnumerateRunes().Select(r => r.ToString()).ToArray();
        if (characters.Length <= keep) return new string('*', characters.Length);
        return new string('*', characters.Length - keep) + string.Concat(characters[^keep..]);
    }
}

/// <summary>Conversions shared by engines so keys and samples read the same everywhere.</summary>
public static class Values
{
    /// <summary>An invariant text form: numbers in invariant culture, instants as ISO-8601 UTC.</summary>
    public static string? ToInvariantString(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateTime d => AsUtc(d).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        float x => x.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Treats an unspecified <see cref="DateTime"/> as UTC (what drivers return for TIMESTAMP) and converts local ones.</summary>
    public static DateTime AsUtc(DateTime d) => d.Kind switch
    {
        DateTimeKind.Utc => d,
        DateTimeKind.Local => d.ToUniversalTime(),
        _ => DateTime.SpecifyKind(d, DateTimeKind.Utc),
    };
}
