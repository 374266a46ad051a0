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
        if (characters.Length <= keep)
        {
            return new string('*', characters.Length);
        }

        return new string('*', characters.Length - keep) + string.Concat(characters[^keep..]);
    }
}
