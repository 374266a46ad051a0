using System.Globalization;
using System.Text.Json;

namespace PolicyLang.Runtime.Differential;

/// <summary>
/// <c>parses as</c> as docs/language.md "Value shapes" defines it, written independently of the runtime: a date is the pattern's text with
/// each field's ASCII digits in place and a real calendar value (years 0001–9999); a number is a decimal numeral (sign, digits, fraction,
/// exponent; no spaces, NaN or infinity); JSON is one RFC 8259 value.
/// </summary>
public static class SpecShapes
{
    private static readonly string[] Fields = ["yyyy", "MM", "dd", "HH", "mm", "ss"];

    public static bool Parses(ParsesCondition c, string text) => c.Format switch
    {
        ParseFormat.Json => Json(text),
        ParseFormat.Number => Number(text),
        _ => Date(c.Pattern ?? "yyyy-MM-dd", text),
    };

    private static bool Date(string pattern, string text)
    {
        if (text.Length != pattern.Length)
        {
            return false;
        }

        var values = new Dictionary<string, int>();
        for (var at = 0; at < pattern.Length;)
        {
            var field = Fields.FirstOrDefault(f => pattern.AsSpan(at).StartsWith(f, StringComparison.Ordinal));
            if (field is null)
            {
                if (text[at] != pattern[at])
                {
                    return false;
                }

                at++;
                continue;
            }

            var digits = text.Substring(at, field.Length);
            if (!digits.All(char.IsAsciiDigit))
            {
                return false;
            }

            values[field] = int.Parse(digits, CultureInfo.InvariantCulture);
            at += field.Length;
        }

        var year = values.GetValueOrDefault("yyyy", 2000);
        var month = values.GetValueOrDefault("MM", 1);
        var day = values.GetValueOrDefault("dd", 1);
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        return values.GetValueOrDefault("HH") <= 23 && values.GetValueOrDefault("mm") <= 59 && values.GetValueOrDefault("ss") <= 59;
    }

    private static bool Number(string text)
    {
        var mantissa = text.Split('e', 'E');
        if (mantissa.Length > 2 || (mantissa.Length == 2 && !long.TryParse(mantissa[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            return false;
        }

        var m = mantissa[0].TrimStart('+', '-');
        if (mantissa[0].Length - m.Length > 1 || (mantissa.Length == 2 && mantissa[1].Any(ch => !char.IsAsciiDigit(ch) && ch is not ('+' or '-'))))
        {
            return false;
        }

        var parts = m.Split('.');
        return parts.Length <= 2 && parts.All(p => p.All(char.IsAsciiDigit)) && parts.Any(p => p.Length > 0);
    }

    private static bool Json(string text)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text), new JsonReaderOptions { MaxDepth = 1000 });
        try
        {
            return JsonDocument.TryParseValue(ref reader, out var document) && Dispose(document) && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool Dispose(JsonDocument? document)
    {
        document?.Dispose();
        return true;
    }
}
